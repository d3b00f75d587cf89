// Isolated module hooks (`"isolate": true`) run in worker threads, so a synchronous hang
// (`while (true) {}`) costs a thread, never the executor: on timeout the worker is terminated.
// Workers are kept warm per module version (a call to a warm worker is one message each way;
// starting one is a new V8 isolate, orders of magnitude more), one call per worker at a time, at
// most MAX_BUSY per module (further calls wait).
import { Worker } from 'node:worker_threads';
import { WORKER_SOURCE, type WorkerReply } from './worker-source.js';

const MAX_IDLE = 4;
const MAX_BUSY = 8;

interface Pool {
  readonly version: string;
  readonly url: string;
  readonly exportName: string;
  readonly idle: Worker[];
  busy: number;
  readonly waiting: (() => void)[];
}

export type IsolatedResult = WorkerReply | { readonly kind: 'timeout' } | { readonly kind: 'cancelled' } | { readonly kind: 'crash'; readonly error: string };

const pools = new Map<string, Pool>();

function poolFor(file: string, exportName: string, version: string, url: string): Pool {
  const key = `${file}#${exportName}`;
  const pool = pools.get(key);
  if (pool?.version === version) return pool;
  if (pool) for (const worker of pool.idle.splice(0)) void worker.terminate(); // an older version of the module
  const fresh: Pool = { version, url, exportName, idle: [], busy: 0, waiting: [] };
  pools.set(key, fresh);
  return fresh;
}

function startWorker(pool: Pool): Worker {
  return new Worker(WORKER_SOURCE, { eval: true, workerData: { url: pool.url, exportName: pool.exportName } });
}

function release(pool: Pool, worker: Worker | undefined): void {
  pool.busy--;
  const current = [...pools.values()].includes(pool);
  if (worker && current && pool.idle.length < MAX_IDLE) {
    worker.unref(); // an idle worker must not keep a `run` process alive
    pool.idle.push(worker);
  } else if (worker) {
    void worker.terminate();
  }
  pool.waiting.shift()?.();
}

async function acquire(pool: Pool, signal: AbortSignal): Promise<void> {
  while (pool.busy >= MAX_BUSY) {
    await new Promise<void>((resolve) => {
      pool.waiting.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    if (signal.aborted) return;
  }
  pool.busy++;
}

/**
 * Calls the module's export in a worker with the input JSON text and a structured-clonable context.
 * `signal` aborts (timeout or cancellation are told apart by `timedOut`); the worker is then terminated.
 */
export async function callIsolated(
  call: { file: string; exportName: string; version: string; url: string; input: string; context: Record<string, unknown> },
  signal: AbortSignal,
  timedOut: () => boolean,
): Promise<IsolatedResult> {
  const pool = poolFor(call.file, call.exportName, call.version, call.url);
  await acquire(pool, signal);
  if (signal.aborted) return timedOut() ? { kind: 'timeout' } : { kind: 'cancelled' };
  const worker = pool.idle.pop() ?? startWorker(pool);
  worker.ref();
  return new Promise<IsolatedResult>((resolve) => {
    const done = (result: IsolatedResult, keep: boolean) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      signal.removeEventListener('abort', onAbort);
      if (!keep) void worker.terminate();
      release(pool, keep ? worker : undefined);
      resolve(result);
    };
    const onMessage = (reply: WorkerReply) => done(reply, reply.kind !== 'load-error');
    const onError = (error: Error) => done({ kind: 'crash', error: `the worker failed (${error.name}: ${error.message})` }, false);
    const onExit = (code: number) => done({ kind: 'crash', error: `the worker exited with code ${code}` }, false);
    const onAbort = () => done(timedOut() ? { kind: 'timeout' } : { kind: 'cancelled' }, false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ input: call.input, context: call.context });
  });
}

/** Terminates every idle worker (a server stopping; tests). */
export async function closeWorkers(): Promise<void> {
  const all = [...pools.values()].flatMap((p) => p.idle.splice(0));
  pools.clear();
  await Promise.all(all.map((w) => w.terminate()));
}
