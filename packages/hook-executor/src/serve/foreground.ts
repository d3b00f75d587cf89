// `hook-executor serve` in the foreground: claim serve.json (one server per user), listen, and run
// until a signal — or until serve.json names another server (a race over a stale file was lost).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { killAllGroups } from '../exec/process-groups.js';
import { startHookServer } from './hook-server.js';
import { logRotation } from './log-rotation.js';
import { claimServerState, ownsState, releaseServerState, updateServerState, type ServerState } from './server-state.js';
import type { ServeFiles } from './serve-files.js';
import { ensureToken } from './token.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let rotate: (() => void) | undefined;

export function log(line: string): void {
  process.stderr.write(`${new Date().toISOString()} hook-executor serve[${process.pid}]: ${line}\n`);
  rotate?.();
}

/** The port `install --mode http` registered (the `port` file), if any. */
export function registeredPort(files: ServeFiles): number | undefined {
  try {
    const port = Number(readFileSync(files.port, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

export async function serveForeground(files: ServeFiles, options: { port?: number; config?: string }): Promise<number> {
  rotate = logRotation(files.log);
  const token = ensureToken(files.token);
  const pid = process.pid;
  const base: ServerState = { v: 1, pid, startedAt: new Date().toISOString(), version: VERSION };
  const claim = claimServerState(files.state, base);
  if (!claim.claimed) {
    log(`already running (pid ${claim.owner.pid}${claim.owner.url ? `, ${claim.owner.url}` : ''}); not starting another`);
    return 0;
  }
  const port = options.port ?? registeredPort(files) ?? 0;
  let server;
  try {
    server = await startHookServer({ token, port, ...(options.config ? { configFile: path.resolve(options.config) } : {}), log });
  } catch (error) {
    releaseServerState(files.state, pid);
    log(`cannot listen on 127.0.0.1:${port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  updateServerState(files.state, { ...base, port: server.port, url: server.url });
  log(`listening on ${server.url}`);
  const why = await new Promise<string>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve(signal));
    const timer = setInterval(() => {
      if (!ownsState(files.state, pid)) resolve(`${files.state} no longer names this server`);
    }, 1000);
    timer.unref();
  });
  log(`stopping (${why})`);
  const closing = server.close();
  const grace = new Promise((resolve) => setTimeout(resolve, 3000).unref());
  await Promise.race([closing, grace]);
  killAllGroups('SIGKILL'); // anything still running after the grace
  releaseServerState(files.state, pid);
  return 0;
}
