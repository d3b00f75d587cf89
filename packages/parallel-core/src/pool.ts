import { AbortError, callerAbortError } from './errors.js';
import { closeSource, openSource } from './input.js';
import { openProgress, type Policy } from './resolve-policy.js';
import { RunScope } from './run-scope.js';
import { runTask } from './run-task.js';
import type { Input, Mapper } from './types.js';

/** Where a pool's results go (pmap collects them in order, pstream hands them to a consumer). */
export interface PoolSink<T> {
  /** Results produced but not yet taken by a consumer; they count against the limit (backpressure). */
  held: number;
  /** A task ended; `value` is its value, or its error when `ok` is false. Not called once the run stopped. */
  result(index: number, item: T, ok: boolean, value: unknown): void;
  /**
   * Called once unless the sink stopped the run itself: `failure` undefined means every task finished.
   * The error is boxed because anything can be thrown, `undefined` included (a source may reject with nothing).
   */
  end(failure: { readonly error: unknown } | undefined): void;
}

export interface PoolControl {
  /** The run's shared signal, as tasks see it (combined with per-attempt signals when timeouts are set). */
  readonly signal: AbortSignal;
  /** Stops the run: aborts the shared signal with `reason`, stops pulling and closes the input. */
  stop(reason: unknown): void;
  /** Starts more tasks if the limit allows (after a consumer took a held result). */
  pump(): void;
  /** Begins the run (separate from creation so a sink can stop the run from its very first result). */
  start(): void;
}

/**
 * Runs `fn` over `input` with at most `limit` tasks (plus held results, plus a pending pull) at once.
 * Each worker is one async loop that takes the next item and runs it, so the hot path allocates only
 * the task's context; a worker exits when the limit is reached and `pump` starts new ones when room
 * appears, a few per microtask round (see START_BATCH). Async inputs are pulled one `next()` at a
 * time and never ahead of a free slot.
 */
export function createPool<T, R>(input: Input<T>, fn: Mapper<T, R>, policy: Policy, sink: PoolSink<T>): PoolControl {
  const source = openSource(input);
  const array = source.kind === 'array' ? source.array : undefined;
  const length = array === undefined ? 0 : array.length;
  const isAsync = source.kind === 'async';
  const iterator = source.kind === 'array' ? undefined : source.iterator;
  const { plain, concurrency, adaptive, signal: callerSignal } = policy;
  const scope = new RunScope();
  const signal = scope.signal;
  let stopProgress = noop;
  let progress: Policy['progress'];
  let workers = 0;
  let next = 0;
  let pulling = false;
  let pumpScheduled = false;
  // `next` when the current round was scheduled: the items pulled during a round.
  let pulledAtRound = 0;
  let inputDone = array !== undefined && length === 0;
  let stopped = false;

  const limit = adaptive === undefined ? () => concurrency : () => adaptive.current;

  const release = () => {
    callerSignal?.removeEventListener('abort', onCallerAbort);
    stopProgress();
  };

  const stop = (reason: unknown) => {
    if (stopped) return;
    stopped = true;
    release();
    scope.abort(reason);
    if (!inputDone) closeSource(source);
  };

  // A failure of the run itself (the input threw, the caller aborted): tasks are told, the sink ends.
  const fail = (error: unknown, sourceFailed: boolean) => {
    if (stopped) return;
    if (sourceFailed) inputDone = true;
    stop(sourceFailed ? new AbortError('The input failed', { cause: error }) : error);
    sink.end({ error });
  };

  function onCallerAbort() {
    fail(callerAbortError(callerSignal!), false);
  }

  const finishIfDone = () => {
    if (workers === 0 && inputDone && !stopped) {
      stopped = true;
      release();
      sink.end(undefined);
    }
  };

  async function work(): Promise<void> {
    for (;;) {
      let item: T;
      let index: number;
      if (array !== undefined) {
        if (next >= length) {
          inputDone = true;
          break;
        }
        index = next++;
        item = array[index]!;
      } else {
        let step: IteratorResult<T>;
        try {
          if (isAsync) {
            pulling = true;
            step = await (iterator as AsyncIterator<T>).next();
            pulling = false;
          } else {
            step = (iterator as Iterator<T>).next();
          }
        } catch (error) {
          pulling = false;
          fail(error, true);
          break;
        }
        if (stopped) break;
        if (step.done) {
          inputDone = true;
          break;
        }
        index = next++;
        item = step.value;
        // The pull is over: another worker may take the next one while this item runs.
        if (isAsync) pump();
      }

      if (progress !== undefined) progress.add('inFlight');
      let ok = true;
      let value: unknown;
      try {
        value = plain ? await fn(item, { signal, index, attempt: 1 }) : await runTask(policy, fn, item, index, scope);
      } catch (error) {
        ok = false;
        value = error;
      }
      if (stopped) break;
      if (progress !== undefined) {
        progress.add('inFlight', -1);
        progress.add('done');
        if (!ok) progress.add('failed');
      }
      sink.result(index, item, ok, value);
      if (stopped || inputDone) break;
      const room = limit() - sink.held - workers;
      // Over the limit (a consumer is behind, or the adaptive limit was cut): this worker retires.
      if (room < 0 || (isAsync && pulling)) break;
      // The adaptive limit grew: bring in more workers.
      if (room > 0) pump();
    }
    workers--;
    finishIfDone();
  }

  const hasRoom = () => !stopped && !inputDone && !(isAsync && pulling) && workers + sink.held < limit();

  // Starts workers while the limit allows: at most START_BATCH now, more in later microtask rounds
  // (see `pumpLater`). A call while a round is scheduled leaves the growth to that round.
  function pump(): void {
    if (!pumpScheduled) startWorkers(START_BATCH);
  }

  function startWorkers(count: number): void {
    for (let started = 0; hasRoom(); started++) {
      if (started === count) {
        scheduleRound();
        return;
      }
      workers++;
      work().catch((error: unknown) => fail(error, false));
    }
  }

  function scheduleRound(): void {
    pumpScheduled = true;
    pulledAtRound = next;
    queueMicrotask(pumpLater);
  }

  // One round later (every task continuation queued meanwhile has run): workers whose tasks finish
  // within microtasks loop on to the next item, so if they pulled START_BATCH items in the round,
  // more workers would only add to what is alive at once. New workers make up the shortfall: none
  // while quick tasks keep the existing ones pulling, START_BATCH a round while tasks wait on I/O.
  function pumpLater(): void {
    pumpScheduled = false;
    const pulled = next - pulledAtRound;
    if (pulled < START_BATCH) startWorkers(START_BATCH - pulled);
    else if (hasRoom()) scheduleRound();
  }

  const start = () => {
    stopProgress = openProgress(policy, array?.length);
    progress = policy.progress;
    if (callerSignal?.aborted) {
      fail(callerAbortError(callerSignal), false);
      return;
    }
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    pump();
    finishIfDone();
  };

  return { signal, stop, pump, start };
}

function noop(): void {}

/**
 * Workers started in one go, and the items a microtask round should pull before more are added.
 * Starting every free slot at once (at `concurrency: Infinity`, one worker per item) keeps every
 * task alive together, so each scavenge copies all of them and the run grows worse than linearly
 * with N. Paced like this, quick tasks keep a small set of workers busy, while tasks that wait on
 * I/O still all start within the same macrotask (microtask rounds run before any timer or I/O).
 */
const START_BATCH = 16;
