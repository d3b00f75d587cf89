// `serve --detach | --ensure | --stop | --status`: one server per user, found through serve.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HookExecutorError } from '../errors.js';
import { readServerState, serverAlive, type ServerState } from './server-state.js';
import { health } from './server-client.js';
import { TOKEN_ENV, type ServeFiles } from './serve-files.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hook-executor.js');
const START_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The running server's state, when serve.json names a live server that answers /health. */
export async function runningServer(files: ServeFiles, token?: string): Promise<(ServerState & { url: string; health: Record<string, unknown> }) | undefined> {
  const state = readServerState(files.state);
  if (!state?.url || !serverAlive(state.pid)) return undefined;
  const answer = await health(state.url, state.pid, token);
  return answer ? { ...state, url: state.url, health: answer } : undefined;
}

function lastLines(file: string, n = 5): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a server in the background (its own session, output to serve.log, not holding the
 * caller's pipes: Claude Code waits for a hook's stdout to close) and waits until one answers —
 * this one, or another that won a concurrent start.
 */
export async function startDetached(files: ServeFiles, options: { port?: number; config?: string }): Promise<ServerState & { url: string }> {
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const logFd = fs.openSync(files.log, 'a', 0o600);
  fs.fchmodSync(logFd, 0o600); // a log an older version left 0644
  const env = { ...process.env };
  delete env.CLAUDE_PROJECT_DIR;
  delete env[TOKEN_ENV];
  const args = [
    BIN,
    'serve',
    ...(options.port === undefined ? [] : ['--port', String(options.port)]),
    ...(options.config ? ['--config', path.resolve(options.config)] : []),
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFd, logFd], env, cwd: files.dir });
  fs.closeSync(logFd);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const up = await runningServer(files);
    if (up) return up;
    const state = readServerState(files.state);
    if (exited && !(state && serverAlive(state.pid))) {
      throw new HookExecutorError('SERVE_FAILED', `the server did not start; ${files.log} says:\n${lastLines(files.log)}`);
    }
    await sleep(25);
  }
  throw new HookExecutorError('SERVE_FAILED', `the server did not answer within ${START_TIMEOUT_MS / 1000} s; see ${files.log}`);
}

/** Stops the running server (SIGTERM, then SIGKILL after 5 s); false when none was running. */
export async function stopServer(files: ServeFiles): Promise<{ stopped: boolean; pid?: number }> {
  const state = readServerState(files.state);
  if (!state || !serverAlive(state.pid)) {
    if (state) fs.rmSync(files.state, { force: true }); // left by a server that died
    return { stopped: false };
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (serverAlive(state.pid) && Date.now() < deadline) await sleep(25);
  if (serverAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
  while (serverAlive(state.pid)) await sleep(10);
  if (readServerState(files.state)?.pid === state.pid) fs.rmSync(files.state, { force: true });
  return { stopped: true, pid: state.pid };
}
