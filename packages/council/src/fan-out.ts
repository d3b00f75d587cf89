// Every model call of the council goes through parallel-core's pool: one place for concurrency,
// per-attempt timeouts, retries (honouring retry-after) and cancellation.
import { pmap } from '@fanout/parallel-core';
import type { RetryOptions, Settled, TaskContext } from '@fanout/parallel-core';

export interface FanOutPolicy {
  readonly concurrency: number;
  readonly timeoutMs?: number | undefined;
  readonly retry?: number | RetryOptions | undefined;
  readonly signal: AbortSignal;
}

/** A settled outcome plus the time from the first attempt's start to the end of the last, in ms. */
export type Timed<R> = Settled<R> & { readonly ms: number };

/** Runs `fn` for every item (each attempt a fresh call), settling all, results in input order. */
export async function fanOut<T, R>(
  items: readonly T[],
  fn: (item: T, context: TaskContext) => Promise<R>,
  policy: FanOutPolicy,
): Promise<Timed<R>[]> {
  const started = new Array<number>(items.length);
  const ended = new Array<number>(items.length);
  const settled = await pmap(
    items,
    async (item, context) => {
      if (started[context.index] === undefined) started[context.index] = performance.now();
      try {
        return await fn(item, context);
      } finally {
        ended[context.index] = performance.now();
      }
    },
    {
      concurrency: policy.concurrency,
      timeoutMs: policy.timeoutMs,
      retry: policy.retry,
      signal: policy.signal,
    },
  );
  return settled.map((outcome, index) => {
    const start = started[index];
    return { ...outcome, ms: start === undefined ? 0 : Math.round((ended[index] ?? start) - start) };
  });
}
