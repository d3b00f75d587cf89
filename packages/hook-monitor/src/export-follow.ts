// `hook-monitor export --otlp URL --follow`: sends each run as a trace soon after it is recorded, by
// following the store (the recorders' appends are the spool, so the hook path does no more work).
// One follower per store (a lock it touches as it goes, so a dead one's is taken over); where it got
// to is saved after each successful send, so a restart neither loses nor, save a failed send's
// partial batches, repeats runs. A guest on the user's machine: it exits after `idleExitMs` with
// nothing new, when its store is removed, or when the installed hook-monitor changes (the next
// recorded run starts the new one), and its log is one small file, rotated.
import fs from 'node:fs';
import path from 'node:path';
import { takeLock } from './file-lock.js';
import { createOtlpSender, otlpUrl } from './otlp-sender.js';
import type { OtlpSender } from './otlp-sender.js';
import { FOLLOW_LOCK_FILE, FOLLOW_STALE_MS, FOLLOW_STARTING_FILE } from './otlp-follower.js';
import { StoreTail } from './store-tail.js';

export interface FollowOptions {
  readonly dir: string;
  readonly url: string;
  /** With no saved position, also send the runs that started at or after this (epoch ms). */
  readonly since?: number;
  /** Exit after this long with nothing new. @default 600_000 */
  readonly idleExitMs?: number;
  /** How often the store is looked at. @default 250 */
  readonly pollMs?: number;
  /** Ends the follower (SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** `service.name` of the exported resource. */
  readonly serviceName?: string;
}

export interface FollowStats {
  /** Another follower held the store (its pid): this one sent nothing. */
  readonly busy?: number;
  runs: number;
  spans: number;
  /** Sends that failed (each retried). */
  failures: number;
  /** Why it stopped: idle, signal, store removed, version changed, lock lost. */
  stopped: string;
}

export const FOLLOW_LOG_FILE = 'otlp-follow.log';
const LOG_MAX_BYTES = 256 * 1024;
/** New bytes read per file per look: bounds memory and the spans queued per send. */
const CHUNK_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 5_000;
const RETRY_MAX_MS = 60_000;

/** One line in the follower's log, rotated to `.1` past LOG_MAX_BYTES. */
function logLine(dir: string, text: string): void {
  const file = path.join(dir, FOLLOW_LOG_FILE);
  try {
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > LOG_MAX_BYTES) fs.renameSync(file, `${file}.1`);
    fs.appendFileSync(file, `${new Date().toISOString()} [${process.pid}] ${text}\n`, { mode: 0o600 });
  } catch {
    // no log is better than a follower that dies of it
  }
}

function version(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function followOtlp(options: FollowOptions): Promise<FollowStats> {
  const url = otlpUrl(options.url);
  const { dir } = options;
  const stats: FollowStats = { runs: 0, spans: 0, failures: 0, stopped: '' };
  const lockPath = path.join(dir, FOLLOW_LOCK_FILE);
  // Long enough for takeLock to ask whether a holder is alive: a dead follower's lock is taken over.
  const lock = await takeLock(lockPath, { timeoutMs: 200, staleMs: FOLLOW_STALE_MS });
  fs.rmSync(path.join(dir, FOLLOW_STARTING_FILE), { force: true });
  if (lock === undefined) {
    let pid = 0;
    try {
      pid = Number(fs.readFileSync(lockPath, 'utf8').split(' ')[0]) || 0;
    } catch {
      // released meanwhile
    }
    return { ...stats, busy: pid, stopped: 'busy' };
  }
  const started = version();
  let stop = '';
  // Ends a pause at once, whatever stops the follower.
  const halt = new AbortController();
  const stopWith = (why: string) => {
    stop ||= why;
    halt.abort();
  };
  options.signal?.addEventListener('abort', () => stopWith('signal'), { once: true });
  if (options.signal?.aborted) stopWith('signal');
  const heartbeat = setInterval(() => {
    if (!fs.existsSync(dir)) stopWith('store removed');
    else if (version() !== started) stopWith('version changed');
    else if (!lock.held()) stopWith('lock lost');
    else {
      const now = new Date();
      fs.utimes(lockPath, now, now, () => {});
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let sender: OtlpSender | undefined;
  try {
    // Placed before anything slow (loading OpenTelemetry): a run recorded once this is done is sent.
    const tail = new StoreTail(dir, options.since);
    tail.start();
    tail.commit();
    // Origin and path only: a URL may carry credentials (headers belong in OTEL_EXPORTER_OTLP_HEADERS).
    logLine(dir, `following ${dir} to ${url.origin}${url.pathname}`);
    sender = await createOtlpSender(url, { maxQueuedSpans: 1 << 16, ...(options.serviceName ? { serviceName: options.serviceName } : {}) });
    const idleExitMs = options.idleExitMs ?? 600_000;
    let lastNew = Date.now();
    let retryMs = 1000;
    while (!stop) {
      let runs = 0;
      let spans = 0;
      const read = await tail.read((record) => {
        runs++;
        spans += sender!.send(record);
      }, CHUNK_BYTES);
      if (runs > 0) {
        const failure = await sender.flush();
        if (failure !== undefined) {
          stats.failures++;
          tail.rewind();
          logLine(dir, `send failed (${failure}); retrying in ${retryMs / 1000} s`);
          await pause(retryMs, halt.signal);
          retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
          continue;
        }
        retryMs = 1000;
        stats.runs += runs;
        stats.spans += spans;
        lastNew = Date.now();
      }
      // Marks move on even when nothing was sent (a file rotated, a transcript import appended).
      if (read.more || runs > 0 || read.moved) tail.commit();
      if (Date.now() - lastNew > idleExitMs) stopWith('idle');
      else if (!read.more) await pause(options.pollMs ?? 250, halt.signal);
    }
  } finally {
    clearInterval(heartbeat);
    await sender?.shutdown();
    lock.release();
    logLine(dir, `stopped (${stop || 'error'}) after ${stats.runs} runs`);
  }
  stats.stopped = stop;
  return stats;
}
