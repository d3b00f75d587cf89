// Runs the real Claude Code CLI once, headless and offline: a fresh HOME and project
// dir, a settings file, a fake Anthropic API for this case, and a minimal environment
// (env -i style) so nothing from the machine leaks in.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { claudeBinary } from './claude-binary.js';
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

/** The `--output-format json` result object (the fields the tests read; the CLI sends more). */
export interface ClaudeResult {
  readonly type: 'result';
  readonly subtype: string;
  readonly is_error: boolean;
  readonly num_turns: number;
  readonly result?: string;
  readonly stop_reason?: string | null;
  readonly session_id?: string;
  readonly permission_denials?: ReadonlyArray<{ tool_name: string; tool_use_id: string; tool_input: Record<string, unknown> }>;
  readonly [key: string]: unknown;
}

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

function minimalEnv(home: string, apiUrl: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  // The dir of the node running the tests first, so `node` hooks (and hook-executor) work.
  const pathDirs = [...new Set([path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])];
  return {
    PATH: pathDirs.join(':'),
    HOME: home,
    TERM: 'dumb',
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: 'sk-ant-fake',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // Without this a dead or failing API makes the CLI retry for minutes.
    CLAUDE_CODE_MAX_RETRIES: '0',
    ...extra,
  };
}

async function writeProjectFiles(dir: string, files: Readonly<Record<string, ProjectFile>>): Promise<void> {
  for (const [relative, file] of Object.entries(files)) {
    const target = path.resolve(dir, relative);
    if (!target.startsWith(dir + path.sep)) throw new ClaudeE2eError('INVALID_OPTION', `files: "${relative}" is outside the project dir`);
    await mkdir(path.dirname(target), { recursive: true });
    const { content, mode } = typeof file === 'string' ? { content: file, mode: undefined } : file;
    await writeFile(target, content, mode === undefined ? {} : { mode });
  }
}

function parseOutput(stdout: string, format: 'json' | 'stream-json'): { result: ClaudeResult | undefined; events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  const lines = format === 'json' ? [stdout.trim()] : stdout.split('\n');
  for (const line of lines) {
    if (!line.trim().startsWith('{')) continue;
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a JSON line: stays visible in stdout
    }
  }
  const result = events.findLast((event) => event.type === 'result') as ClaudeResult | undefined;
  return { result, events: format === 'json' ? [] : events };
}

interface Exit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function spawnClaude(binary: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also kills the hooks it started.
    const child = spawn(binary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', (cause) => {
      clearTimeout(timer);
      reject(new ClaudeE2eError('CLAUDE_NOT_INSTALLED', `could not start ${binary}: ${cause.message}`, { cause }));
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, timedOut });
    });
  });
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
        `claude did not finish within ${timeoutMs} ms (prompt ${JSON.stringify(options.prompt)}); stderr: ${exit.stderr.slice(-2000) || '(empty)'}; dirs kept in ${root}`,
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
