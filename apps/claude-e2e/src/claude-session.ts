// One long-lived Claude Code session: `claude -p --input-format stream-json --output-format
// stream-json --verbose`, one user message per stdin line. Timing a session's later prompts (from
// the stdin write to the fake API's receipt of the request that carries the prompt) measures what a
// user feels per prompt, with the CLI's start-up excluded (see shared/spec/claude-code-offline.md).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { claudeBinary } from './claude-binary.js';
import { minimalEnv, type ClaudeResult } from './claude-process.js';
import { ClaudeE2eError } from './errors.js';
import { startFakeAnthropic, type FakeAnthropic } from './fake-anthropic.js';
import { requestText } from './received.js';
import type { RecordedRequest } from './recorded-request.js';
import { writeProjectFiles, type ProjectFile, type RunContext } from './run-claude.js';

export interface ClaudeSessionOptions {
  /** The settings JSON given to `--settings`, or a function of the session's dirs. */
  readonly settings: Readonly<Record<string, unknown>> | ((context: RunContext) => Readonly<Record<string, unknown>>);
  /** Files written into the project dir before the CLI starts. */
  readonly files?: Readonly<Record<string, ProjectFile>> | ((context: RunContext) => Readonly<Record<string, ProjectFile>>);
  /** Extra environment variables for the CLI (and so for its hooks). */
  readonly env?: Readonly<Record<string, string>> | ((context: RunContext) => Readonly<Record<string, string>>);
  readonly allowedTools?: readonly string[];
  /** Use this HOME (sessions of one user share it; left in place) instead of a fresh one. */
  readonly home?: string;
  /** Kill the session when one prompt takes longer. @default 120_000 */
  readonly promptTimeoutMs?: number;
}

export interface PromptTiming {
  /** From the stdin write to the fake API's receipt of the request carrying the prompt, in ms. */
  readonly ms: number;
  /** That request (undefined when the prompt never reached the model, e.g. a hook blocked it). */
  readonly request: RecordedRequest | undefined;
  /** The turn's `{"type":"result"}` line. */
  readonly result: ClaudeResult;
  /** Every stdout event of the turn (hook_started/hook_response with `--include-hook-events`). */
  readonly events: readonly Record<string, unknown>[];
}

export interface ClaudeSession {
  readonly projectDir: string;
  readonly home: string;
  readonly api: FakeAnthropic;
  readonly pid: number;
  /** Sends one user message and resolves at the turn's result line. */
  prompt(text: string): Promise<PromptTiming>;
  /** What the CLI printed on stderr so far. */
  stderr(): string;
  /** Ends the session (stdin closed, then the whole process group killed) and removes its dirs. */
  close(): Promise<void>;
}

function lastUserText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: Array<{ role?: string }> } | undefined)?.messages;
  if (!Array.isArray(messages)) return '';
  const lastUser = messages.findLast((m) => m?.role === 'user');
  return lastUser ? requestText({ messages: [lastUser] }) : '';
}

/** Starts the pinned CLI as one streaming session against its own fake Anthropic API. */
export async function startClaudeSession(options: ClaudeSessionOptions): Promise<ClaudeSession> {
  const binary = claudeBinary();
  const timeoutMs = options.promptTimeoutMs ?? 120_000;
  const root = await mkdtemp(path.join(os.tmpdir(), 'fanout-claude-session-'));
  const home = options.home ?? path.join(root, 'home');
  const projectDir = path.join(root, 'project');
  const settingsFile = path.join(root, 'settings.json');
  const api = await startFakeAnthropic({ turns: [(request) => ({ text: `ok ${request.turn ?? 0}` })] });
  await mkdir(home, { recursive: true });
  await mkdir(projectDir, { recursive: true });
  const context: RunContext = { projectDir, home, apiUrl: api.url };
  const files = typeof options.files === 'function' ? options.files(context) : (options.files ?? {});
  await writeProjectFiles(projectDir, files);
  const settings = typeof options.settings === 'function' ? options.settings(context) : options.settings;
  await writeFile(settingsFile, JSON.stringify(settings, null, 2));
  const extraEnv = typeof options.env === 'function' ? options.env(context) : (options.env ?? {});

  const args = [
    '-p',
    '--input-format',
    'stream-json',
    '--output-format',
    'stream-json',
    '--verbose',
    '--include-hook-events',
    '--settings',
    settingsFile,
    '--setting-sources',
    '',
  ];
  if (options.allowedTools?.length) args.push('--allowedTools', options.allowedTools.join(','));
  const child: ChildProcessWithoutNullStreams = spawn(binary, args, {
    cwd: projectDir,
    env: minimalEnv(home, api.url, extraEnv),
    stdio: 'pipe',
    detached: true,
  });
  let stderr = '';
  let buffered = '';
  let exited = false;
  let pending: ((event: Record<string, unknown> | undefined) => void) | undefined;
  const queue: Record<string, unknown>[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      try {
        queue.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        continue;
      }
      pending?.(undefined);
    }
  });
  child.once('exit', () => {
    exited = true;
    pending?.(undefined);
  });
  child.stdin.on('error', () => {});

  const nextEvent = (deadline: number): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const event = queue.shift();
        if (event) return finish(() => resolve(event));
        if (exited)
          return finish(() => reject(new ClaudeE2eError('CLAUDE_TIMEOUT', `the claude session ended early; stderr: ${stderr.slice(-2000) || '(empty)'}`)));
        pending = check;
      };
      const timer = setTimeout(
        () => finish(() => reject(new ClaudeE2eError('CLAUDE_TIMEOUT', `no result within ${timeoutMs} ms; stderr: ${stderr.slice(-2000) || '(empty)'}`))),
        deadline - Date.now(),
      );
      const finish = (then: () => void) => {
        clearTimeout(timer);
        pending = undefined;
        then();
      };
      check();
    });

  let busy = false;
  return {
    projectDir,
    home,
    api,
    pid: child.pid!,
    stderr: () => stderr,
    async prompt(text: string): Promise<PromptTiming> {
      if (busy) throw new ClaudeE2eError('USAGE', 'one prompt at a time: await the previous prompt first');
      busy = true;
      try {
        const seen = api.requests.length;
        const line = `${JSON.stringify({ type: 'user', message: { role: 'user', content: text } })}\n`;
        const sentAt = performance.now();
        child.stdin.write(line);
        const deadline = Date.now() + timeoutMs;
        const events: Record<string, unknown>[] = [];
        for (;;) {
          const event = await nextEvent(deadline);
          events.push(event);
          if (event.type === 'result') {
            const request = api.requests
              .slice(seen)
              .find((r) => r.receivedAt !== undefined && /^\/v1\/messages/.test(r.path) && lastUserText(r).includes(text));
            return { ms: request ? request.receivedAt! - sentAt : Number.NaN, request, result: event as unknown as ClaudeResult, events };
          }
        }
      } finally {
        busy = false;
      }
    },
    async close() {
      child.stdin.end();
      const gone = new Promise((resolve) => (exited ? resolve(undefined) : child.once('exit', resolve)));
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000);
      await gone;
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, 'SIGKILL'); // hooks it left behind
      } catch {
        // none
      }
      await api.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
