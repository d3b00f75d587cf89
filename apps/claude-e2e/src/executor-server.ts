// hook-executor's warm server (`hook-executor serve`) for end-to-end tests: a real process on
// 127.0.0.1 with its own state and monitor dirs, and the settings that register it as Claude
// Code's http hooks (the token through `headers` + `allowedEnvVars`, as `install --mode http` does).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ClaudeE2eError } from './errors.js';
import { EXECUTOR_CONFIG_PATH, hookExecutorBin, type HookSetup, type HooksConfig } from './hook-modes.js';

/** The environment variable the settings' header reads the token from. */
export const TOKEN_VAR = 'FANOUT_HOOK_TOKEN';

export interface ExecutorServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly token: string;
  readonly pid: number;
  /** The server's HOME: sessions of the same user (whose `run` forwards to it) share it. */
  readonly home: string;
  /** Its state dir (serve.json, token): `HOOK_EXECUTOR_STATE_DIR` for sessions that forward to it. */
  readonly stateDir: string;
  /** What it says it did (`GET /health` with the token): requests, warm shells, pre-started interpreters. */
  stats(): Promise<Record<string, unknown>>;
  /** What the server logged (stderr). */
  log(): string;
  /** The hook-monitor records the server wrote. */
  records(): Record<string, unknown>[];
  close(): Promise<void>;
}

function healthStats(url: string, token: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/health`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => {
          try {
            resolve((JSON.parse(text) as { stats?: Record<string, unknown> }).stats ?? {});
          } catch (cause) {
            reject(new ClaudeE2eError('FAKE_SERVER', `hook-executor serve /health: ${text.slice(0, 200)}`, { cause }));
          }
        });
      })
      .on('error', reject);
  });
}

/** Starts `hook-executor serve --port 0` (foreground, a child of the tests) and waits until it listens. */
export async function startExecutorServer(): Promise<ExecutorServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fanout-executor-server-'));
  const stateDir = path.join(root, 'state');
  const monitorDir = path.join(root, 'monitor');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: root, HOOK_EXECUTOR_STATE_DIR: stateDir, HOOK_MONITOR_DIR: monitorDir };
  delete env.CLAUDE_PROJECT_DIR;
  const child = spawn(process.execPath, [hookExecutorBin(), 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const state = JSON.parse(readFileSync(path.join(stateDir, 'serve.json'), 'utf8')) as { pid: number; url?: string };
      if (state.url && state.pid === child.pid) {
        const token = readFileSync(path.join(stateDir, 'token'), 'utf8').trim();
        return {
          url: state.url,
          token,
          pid: state.pid,
          home: root,
          stateDir,
          stats: () => healthStats(state.url!, token),
          log: () => stderr,
          records: () => {
            const file = path.join(monitorDir, 'runs.jsonl');
            return existsSync(file)
              ? readFileSync(file, 'utf8')
                  .trim()
                  .split('\n')
                  .filter(Boolean)
                  .map((line) => JSON.parse(line) as Record<string, unknown>)
              : [];
          },
          async close() {
            if (child.exitCode === null && child.signalCode === null) {
              const exited = new Promise((resolve) => child.once('exit', resolve));
              child.kill('SIGTERM');
              await exited;
            }
            rmSync(root, { recursive: true, force: true });
          },
        };
      }
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new ClaudeE2eError('USAGE', `hook-executor serve did not start: ${stderr || '(no output)'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Settings and files that register `hooks` through the server: one http hook per event (no
 * matcher; the server applies them), the token in the settings' `env`, the hooks in
 * .claude/hook-executor.json. `token` overrides the token the settings carry (to test a wrong one).
 */
export function httpHookSetup(
  server: Pick<ExecutorServer, 'url' | 'token'>,
  hooks: HooksConfig,
  options: { token?: string; timeout?: number } = {},
): HookSetup & { settings: { env: Record<string, string> } } {
  const registered = Object.fromEntries(
    Object.keys(hooks).map((event) => [
      event,
      [
        {
          hooks: [
            {
              type: 'http',
              url: `${server.url}/hooks/${event}`,
              headers: { Authorization: `Bearer $${TOKEN_VAR}` },
              allowedEnvVars: [TOKEN_VAR],
              timeout: options.timeout ?? 30,
            },
          ],
        },
      ],
    ]),
  );
  return {
    settings: { env: { [TOKEN_VAR]: options.token ?? server.token }, hooks: registered },
    files: { [EXECUTOR_CONFIG_PATH]: `${JSON.stringify({ hooks }, null, 2)}\n` },
  };
}
