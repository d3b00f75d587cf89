// OpenAI's flex processing (`--flex`, `service_tier: "flex"`): Batch API prices on the synchronous
// path, slower answers, and now and then a 429 "Resource Unavailable" when flex has no capacity.
// OpenAI does not charge for those and advises retrying with exponential backoff: they say nothing
// about the account's rate limit, so they must not cut the AIMD concurrency either.
import { sleep } from '@fanout/parallel-core';
import { isOverloadError, statusOf } from '@fanout/parallel-core/http';

/** The code OpenAI's flex tier answers with when it has no capacity for a request. */
export const FLEX_UNAVAILABLE_CODE = 'resource_unavailable';

/** Per-attempt time limit under `--flex` when `--timeout` is not given: OpenAI asks clients to wait up to 15 minutes. */
export const FLEX_TIMEOUT_MS = 15 * 60_000;

export interface FlexRetryOptions {
  /** Tries after the first one when flex is unavailable. @default 8 */
  readonly retries?: number;
  /** Ceiling of the first backoff, in ms (full jitter below it). @default 1000 */
  readonly minDelayMs?: number;
  /** Largest backoff, in ms. @default 60,000 */
  readonly maxDelayMs?: number;
}

/** A 429 from flex processing for lack of capacity: not a rate limit. */
export function isFlexUnavailable(error: unknown): boolean {
  if (statusOf(error) !== 429) return false;
  if ((error as { apiCode?: unknown } | null)?.apiCode === FLEX_UNAVAILABLE_CODE) return true;
  return error instanceof Error && /resource unavailable/i.test(error.message);
}

/** AIMD's overload signal: a 429 or 529 (or 503 with Retry-After), but not flex's "Resource Unavailable". */
export function isRateLimitSignal(error: unknown): boolean {
  return isOverloadError(error) && !isFlexUnavailable(error);
}

/**
 * Runs `call`, and again after each flex "Resource Unavailable" with exponential backoff and full
 * jitter (these retries are flex's own: they do not count against `--retries`); any other error, or
 * the last unavailable answer, is thrown. `onRetry` is told before each wait.
 */
export async function withFlexRetry<T>(call: () => Promise<T>, signal: AbortSignal, options: FlexRetryOptions = {}, onRetry?: () => void): Promise<T> {
  const retries = options.retries ?? 8;
  const min = options.minDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isFlexUnavailable(error) || attempt >= retries || signal.aborted) throw error;
      onRetry?.();
      await sleep(Math.random() * Math.min(max, min * 2 ** attempt), signal);
    }
  }
}
