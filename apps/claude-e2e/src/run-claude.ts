// Runs the real Claude Code CLI once, headless and offline: a fresh HOME and project
// dir, a settings file, a fake Anthropic API for this case, and a minimal environment
// (env -i style) so nothing from the machine leaks in.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { claudeBinary } from './claude-binary.js';
import { minimalEnv, parseOutput, spawnClaude, type ClaudeResult } from './claude-process.js';
import { ClaudeE2eError } from './errors.js';
import { startFakeAnthropic } from './fake-anthropic.js';
import { snapshotDir } from './project-files.js';
import type { RecordedRequest } from './recorded-request.js';
import type { Turn } from './script.js';

/** A file to write into the project dir: its text, or text plus a mode (e.g. 0o755). */
export type ProjectFile = string | { readonly content: string; readonly mode?: number };

export interface RunContext {
  readonly projectDir: string;
  readonly home: string;
  /** The fake Anthropic API's base URL. */
  readonly apiUrl: string;
}

export interface RunClaudeOptions {
  readonly prompt: string;
  /** The settings JSON given to `--settings` (user/project settings files are ignored). */
  readonly settings: Readonly<Record<string, unknown>> | ((context: RunContext) => Readonly<Record<string, unknown>>);
  /** The fake model's replies. @default [{ text: 'ok' }] */
  readonly turns?: readonly Turn[];
  /** Files written into the project dir before the run, by relative path. */
  readonly files?: Readonly<Record<string, ProjectFile>>;
  /** Run in this existing dir (left in place) instead of a fresh temp dir. */
  readonly projectDir?: string;
  /** Passed as `--allowedTools` (as root the CLI refuses --dangerously-skip-permissions). */
  readonly allowedTools?: readonly string[];
  /** `stream-json` adds `--verbose --include-hook-events` and fills `events`. @default 'json' */
  readonly outputFormat?: 'json' | 'stream-json';
  readonly extraArgs?: readonly string[];
  /** Extra environment variables for the CLI (and so for its hooks). */
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the CLI after this many milliseconds. @default 120_000 */
  readonly timeoutMs?: number;
  /** Keep the temp dirs for debugging (their paths are in the result). @default false */
  readonly keep?: boolean;
}

export type { ClaudeResult };

export interface ClaudeRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The parsed result object, or undefined when stdout held none. */
  readonly result: ClaudeResult | undefined;
  /** Every stdout JSON line, for `stream-json` (hook_started/hook_response events included). */
  readonly events: readonly Record<string, unknown>[];
  readonly stdout: string;
  readonly stderr: string;
  /** What the fake Anthropic API received. */
  readonly requests: readonly RecordedRequest[];
  /** Text files in the project dir after the run, by relative path (files ≤ 256 KB). */
  readonly projectFiles: Readonly<Record<string, string>>;
  readonly projectDir: string;
  readonly home: string;
  readonly durationMs: number;
}

/** Writes `files` into `dir` (paths relative to it; none may leave it). */
export async function writeProjectFiles(dir: string, files: Readonly<Record<string, ProjectFile>>): Promise<void> {
  for (const [relative, file] of Object.entries(files)) {
    const target = path.resolve(dir, relative);
    if (!target.startsWith(dir + path.sep)) throw new ClaudeE2eError('USAGE', `files: "${relative}" is outside the project dir`);
    await mkdir(path.dirname(target), { recursive: true });
    const { content, mode } = typeof file === 'string' ? { content: file, mode: undefined } : file;
    await writeFile(target, content, mode === undefined ? {} : { mode });
  }
}

/** Runs `claude -p PROMPT --settings FILE --setting-sources "" --output-format json` against a fake API. */
export async function runClaude(options: RunClaudeOptions): Promise<ClaudeRun> {
  const binary = claudeBinary();
  const format = options.outputFormat ?? 'json';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const root = await mkdtemp(path.join(os.tmpdir(), 'fanout-claude-e2e-'));
  const home = path.join(root, 'home');
  const projectDir = options.projectDir ?? path.join(root, 'project');
  const settingsFile = path.join(root, 'settings.json');
  const server = await startFakeAnthropic({ turns: options.turns ?? [{ text: 'ok' }] });
  let keepDirs = options.keep ?? false;
  try {
    await mkdir(home, { recursive: true });
    await mkdir(projectDir, { recursive: true });
    await writeProjectFiles(projectDir, options.files ?? {});
    const context: RunContext = { projectDir, home, apiUrl: server.url };
    const settings = typeof options.settings === 'function' ? options.settings(context) : options.settings;
    await writeFile(settingsFile, JSON.stringify(settings, null, 2));

    const args = ['-p', options.prompt, '--settings', settingsFile, '--setting-sources', '', '--output-format', format];
    if (format === 'stream-json') args.push('--verbose', '--include-hook-events');
    if (options.allowedTools?.length) args.push('--allowedTools', options.allowedTools.join(','));
    args.push(...(options.extraArgs ?? []));

    const started = performance.now();
    const exit = await spawnClaude(binary, args, projectDir, minimalEnv(home, server.url, options.env), timeoutMs);
    const durationMs = performance.now() - started;
    if (exit.timedOut) {
      keepDirs = true;
      throw new ClaudeE2eError(
        'CLAUDE_TIMEOUT',
        `claude did not finish within ${timeoutMs} ms (prompt ${JSON.stringify(options.prompt)}); stderr: ` +
          `${exit.stderr.slice(-2000) || '(empty)'}; dirs kept in ${root}`,
      );
    }
    const { result, events } = parseOutput(exit.stdout, format);
    return {
      exitCode: exit.exitCode,
      signal: exit.signal,
      result,
      events,
      stdout: exit.stdout,
      stderr: exit.stderr,
      requests: [...server.requests],
      projectFiles: await snapshotDir(projectDir),
      projectDir,
      home,
      durationMs,
    };
  } finally {
    await server.close();
    // A timed-out run keeps its dirs for inspection (the error names them).
    if (!keepDirs) await rm(root, { recursive: true, force: true });
  }
}
