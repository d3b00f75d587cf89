import { errorHeaders } from './header-value.js';
import type { Policy } from './resolve-policy.js';
import { retryDelay } from './retry-policy.js';
import { attemptWithTimeout } from './run-attempt.js';
import type { RunScope } from './run-scope.js';
import { sleep } from './sleep.js';
import type { Mapper } from './types.js';

/**
 * A task under the per-task policies: rate limit before each attempt, time limit per attempt, retries
 * with backoff or the server's retry-after (cancellable by the run's signal), adaptive-limit feedback
 * and the latency of the successful task (from its first attempt's start to success, retry waits included).
 */
export async function runTask<T, R>(
  policy: Policy,
  fn: Mapper<T, R>,
  item: T,
  index: number,
  scope: RunScope,
  label?: string,
  timeoutMs = policy.timeoutMs,
): Promise<R> {
  const { limiter, adaptive, retry, stats } = policy;
  const runSignal = scope.signal;
  let started = 0;
  for (let attempt = 1; ; attempt++) {
    if (limiter !== undefined) await limiter.acquire(limiter.cost === undefined ? 1 : limiter.cost(item), runSignal);
    if (attempt === 1 && stats !== undefined) started = performance.now();
    const generation = adaptive === undefined ? 0 : adaptive.generation;
    try {
      const value =
        timeoutMs === undefined
          ? await fn(item, { signal: runSignal, index, attempt })
          : await attemptWithTimeout(fn, item, index, attempt, scope, timeoutMs, label);
      adaptive?.success();
      stats?.record(performance.now() - started);
      return value;
    } catch (error) {
      // An abort of the whole run (caller's signal, failFast, cancelWhen) is never a reason to retry.
      if (runSignal.aborted) throw error;
      adaptive?.failure(error, generation);
      if (limiter?.observe !== undefined) {
        const headers = errorHeaders(error);
        if (headers !== undefined) limiter.observe(headers);
      }
      const delayMs = retry === undefined ? undefined : retryDelay(retry, error, attempt);
      if (delayMs === undefined || (retry!.budget !== undefined && !retry!.budget.take())) throw error;
      policy.progress?.add('retried');
      retry!.onRetry?.({ error, attempt, delayMs, index });
      await sleep(delayMs, runSignal);
    }
  }
}
