import { spawn } from 'node:child_process';
import type { HandlerConfig } from '../config/types.js';
import type { HandlerRun } from '../types.js';
import { BoundedCapture } from './capture.js';
import { commandLine } from './command-line.js';
import { readBuffered } from './pipe-drain.js';
import { groupAlive, killGroup, trackGroup, untrackGroup } from './process-groups.js';
import { startOf, type ProcessStarter } from './starter.js';

export interface RunCommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The exact input bytes, written to the hook's stdin. */
  readonly stdin: string | Buffer;
  readonly timeoutMs: number;
  /** Aborting kills the hook's process group (failFast, executor stopping). */
  readonly signal?: AbortSignal;
  /** Bytes kept per stream. @default 1 MiB */
  readonly maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL, in ms. @default 500 */
  readonly killGraceMs?: number;
  /** Pre-started shells and interpreters to start the hook from (serve); spawned as usual when none is ready. */
  readonly warm?: ProcessStarter;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/**
 * After the hook exits, how long its pipes may stay open (held by a process it left behind outside
 * its group) before what they hold is read synchronously and they are closed.
 */
const DRAIN_MS = 50;

/**
 * Runs a `command` handler in its own process group with the input on stdin. On timeout or abort
 * the whole group gets SIGTERM, then SIGKILL after the grace, so grandchildren die too. When the
 * hook exits, what it left running in its group is stopped the same way (without holding up the
 * result). Never rejects.
 */
export function runCommand(handler: HandlerConfig, options: RunCommandOptions): Promise<HandlerRun> {
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const grace = options.killGraceMs ?? 500;
  const out = new BoundedCapture(limit);
  const err = new BoundedCapture(limit);
  const { file, args } = commandLine(handler, options.env);

  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let killedAt: number | undefined;
    let leftovers = false;
    let settled = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const timers: NodeJS.Timeout[] = [];

    const taken = options.warm?.take(file, args, options.cwd, options.env, handler);
    const child = taken ?? spawn(file, args, { cwd: options.cwd, env: options.env, stdio: 'pipe', detached: true });
    const start = taken ? (startOf(taken) ?? 'warm-shell') : 'spawned';
    const pid = child.pid;
    if (pid !== undefined) trackGroup(pid);

    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      readBuffered(child.stdout, out);
      readBuffered(child.stderr, err);
      child.stdout?.destroy();
      child.stderr?.destroy();
      const done = () => {
        if (pid !== undefined && !leftovers) untrackGroup(pid);
        resolve({
          exitCode: exit?.code ?? null,
          signal: exit?.signal ?? null,
          timedOut,
          cancelled,
          ...(error === undefined ? {} : { error }),
          stdout: out.text(),
          stderr: err.text(),
          stdoutBytes: out.total,
          stderrBytes: err.total,
          stdoutTruncated: out.truncated || err.truncated,
          start,
        });
      };
      // A killed group whose members outlived SIGTERM gets SIGKILL before we report.
      if (killedAt !== undefined && pid !== undefined && groupAlive(pid)) {
        setTimeout(() => {
          killGroup(pid, 'SIGKILL');
          done();
        }, Math.max(0, killedAt + grace - Date.now()));
      } else {
        done();
      }
    };

    const kill = () => {
      if (pid === undefined || killedAt !== undefined) return;
      killedAt = Date.now();
      killGroup(pid, 'SIGTERM');
      timers.push(setTimeout(() => killGroup(pid, 'SIGKILL'), grace));
    };
    const onAbort = () => {
      cancelled = true;
      kill();
    };
    // The hook is over; processes it left in its group are not waited for but stopped (the group
    // stays tracked until then, so an executor that is stopping kills them too).
    const stopLeftovers = () => {
      if (pid === undefined || killedAt !== undefined || !groupAlive(pid)) return;
      leftovers = true;
      killGroup(pid, 'SIGTERM');
      setTimeout(() => {
        killGroup(pid, 'SIGKILL');
        untrackGroup(pid);
      }, grace).unref();
    };

    child.on('error', (error: NodeJS.ErrnoException) => finish(`spawn ${error.code ?? error.message}`));
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin!.on('error', () => {
      // EPIPE: the hook exited without reading its input; that is allowed.
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      stopLeftovers();
      timers.push(setTimeout(() => finish(), DRAIN_MS));
    });
    child.on('close', () => finish());

    if (pid === undefined) return; // 'error' follows
    child.stdin!.end(options.stdin);
    timers.push(
      setTimeout(() => {
        timedOut = true;
        kill();
      }, options.timeoutMs),
    );
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
