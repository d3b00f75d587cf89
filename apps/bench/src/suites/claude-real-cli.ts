// What the suites timing hooks in the real Claude Code CLI share (claude-native, hook-estimate): the
// claude-e2e harness, one user's setup (a HOME, the warm server started as `serve --ensure` would,
// the settings of each way to register the executor) and prompts sent round by round, interleaved
// across sessions. Not a suite itself: it exports no `suite`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './hook-executor-serve.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXECUTOR = path.resolve(here, '../../../../packages/hook-executor');
const E2E = path.resolve(here, '../../../claude-e2e/dist/index.js');
export const EVENT = 'UserPromptSubmit';
const PAUSE_MS = 700;
const REFILL_MAX_MS = 5000;

// The claude-e2e harness, loaded from its build (apps do not depend on each other's sources).
export interface PromptTiming {
  ms: number;
  request: { raw: string } | undefined;
  result: { subtype?: string; result?: string };
}
export interface ClaudeSession {
  readonly projectDir: string;
  prompt(text: string): Promise<PromptTiming>;
  stderr(): string;
  close(): Promise<void>;
}
export interface Harness {
  startClaudeSession(options: {
    settings: Record<string, unknown> | ((c: { projectDir: string; home: string }) => Record<string, unknown>);
    files?: Record<string, string | { content: string; mode?: number }>;
    env?: Record<string, string>;
    home?: string;
  }): Promise<ClaudeSession>;
  claudeBinary(): string;
}

/** The harness, with a clear error when something it needs is not built or installed. */
export async function loadHarness(): Promise<Harness> {
  if (!fs.existsSync(E2E)) throw new Error(`build apps/claude-e2e first (${E2E} missing)`);
  if (!fs.existsSync(path.join(EXECUTOR, 'dist/serve/main.js'))) throw new Error('build hook-executor first (dist/serve missing)');
  const harness = (await import(pathToFileURL(E2E).href)) as Harness;
  harness.claudeBinary(); // a clear error when the pinned CLI is not installed
  return harness;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function health(url: string, token: string): Promise<string> {
  return new Promise<string>((resolve) => {
    const req = http.get(`${url}/health`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
    });
    req.on('error', (error) => resolve(`{"error":${JSON.stringify(error.message)}}`));
  });
}

/**
 * Waits until the server has started the interpreters its last events used (at most `maxMs`): a
 * user's next prompt comes after the model's answer, seconds later; without this the refill of one
 * mode's pool would compete with the next mode's prompt for the 2 cores.
 */
async function settled(url: string, token: string, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    try {
      const pending = (JSON.parse(await health(url, token)) as { stats?: { interpreters?: { pending?: number } } }).stats?.interpreters?.pending ?? 0;
      if (pending === 0) return;
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface UserSetup {
  readonly root: string;
  readonly home: string;
  readonly stateDir: string;
  /** The environment the server runs with. */
  readonly serverEnv: Record<string, string>;
  /** What every session adds to the harness's environment. */
  readonly sessionEnv: Record<string, string>;
  readonly server: Awaited<ReturnType<typeof startServer>>;
  /** What `install` registers: the launcher, forwarding to the server (else running the hooks itself). */
  runSettings(): Record<string, unknown>;
  /** An http hook to the server. */
  serveSettings(): Record<string, unknown>;
  /** Stops the server and removes the root. */
  close(): Promise<void>;
}

/** One user in a temp dir: a HOME every session shares, and the warm server. */
export async function userSetup(prefix: string): Promise<UserSetup> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const stateDir = path.join(root, 'state');
  const monitorDir = path.join(root, 'monitor');
  // The server as a session's `serve --ensure` starts it: with the environment Claude Code gives
  // hooks (the harness's minimal one), not this process's (e.g. NODE_EXTRA_CA_CERTS would make every
  // node hook it starts slower than Claude Code's own).
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const serverEnv = {
    PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    TERM: 'dumb',
    HOOK_EXECUTOR_STATE_DIR: stateDir,
    HOOK_MONITOR_DIR: monitorDir,
  };
  const server = await startServer(serverEnv, stateDir);
  // The sessions find the server as `install` sets it up: the state dir (HOME/.claude/hook-executor
  // in real use) and the token in the settings' env.
  const sessionEnv = { HOOK_EXECUTOR_STATE_DIR: stateDir, HOOK_MONITOR_DIR: monitorDir };
  // The launcher in exec form (no shell in between), as `install --mode forward` registers it.
  const launcher = { type: 'command', command: path.join(EXECUTOR, 'bin/hook-executor-run'), args: ['--event', EVENT], timeout: 35 };
  const httpHook = {
    type: 'http',
    url: `${server.url}/hooks/${EVENT}`,
    headers: { Authorization: 'Bearer $FANOUT_HOOK_TOKEN' },
    allowedEnvVars: ['FANOUT_HOOK_TOKEN'],
    timeout: 30,
  };
  return {
    root,
    home,
    stateDir,
    serverEnv,
    sessionEnv,
    server,
    runSettings: () => ({ hooks: { [EVENT]: [{ hooks: [launcher] }] } }),
    serveSettings: () => ({ env: { FANOUT_HOOK_TOKEN: server.token }, hooks: { [EVENT]: [{ hooks: [httpHook] }] } }),
    async close() {
      server.child.kill('SIGTERM');
      await new Promise((r) => (server.child.exitCode !== null ? r(undefined) : server.child.once('exit', r)));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Round by round every session gets one prompt (interleaved), then the server settles and a pause
 * stands for the model's answer; round 0 is not timed (start-up, first look at the config). Returns
 * each session's times; `check` sees every prompt (throw to stop).
 */
export async function interleavedRounds(
  setup: UserSetup,
  sessions: ReadonlyMap<string, ClaudeSession>,
  rounds: number,
  prompt: (round: number, name: string) => string,
  check: (name: string, timing: PromptTiming) => void,
  log: (round: number, times: ReadonlyMap<string, number[]>) => void,
): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>([...sessions.keys()].map((name) => [name, []]));
  for (let round = 0; round <= rounds; round++) {
    for (const [name, session] of sessions) {
      const text = prompt(round, name);
      const timing = await session.prompt(text);
      if (!timing.request) throw new Error(`"${text}" never reached the model (${timing.result.result?.slice(0, 300)})`);
      check(name, timing);
      if (round > 0) times.get(name)!.push(timing.ms);
      // Prompts come seconds apart (the model answers in between): the server starts its shells
      // and interpreters for the next event in that time, off the prompt's path.
      await settled(setup.server.url, setup.server.token, REFILL_MAX_MS);
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    if (round > 0) log(round, times);
  }
  return times;
}

/** `name ms / name ms …` of each session's last prompt, for progress lines. */
export function lastTimes(times: ReadonlyMap<string, readonly number[]>): string {
  return [...times].map(([name, t]) => `${name} ${Math.round(t.at(-1) ?? Number.NaN)}`).join(' / ');
}
