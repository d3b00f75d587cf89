import { isRetryableError } from './error-kind.js';
import { retryAfterMs } from './retry-after.js';
import { RetryBudget } from './retry-budget.js';
import type { RetryBudgetLike, RetryOptions } from './types.js';
import { checkFunction, checkInteger, checkNumber, checkObject, invalid } from './validate.js';

export interface RetryPolicy {
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly factor: number;
  readonly jitter: 'full' | 'none';
  readonly budget: RetryBudgetLike | undefined;
  readonly shouldRetry: (error: unknown, attempt: number) => boolean;
  readonly onRetry: RetryOptions['onRetry'];
}

/** Validates `retry` and fills in defaults; undefined when no retry can happen. A number budget is per run. */
export function resolveRetry(value: unknown): RetryPolicy | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    const retries = checkInteger('retry', value, 0);
    return retries === 0 ? undefined : { ...DEFAULTS, retries };
  }
  const o = checkObject('retry', value, 'a non-negative integer or retry options') as RetryOptions;
  const retries = o.retries === undefined ? 3 : checkInteger('retry.retries', o.retries, 0);
  if (retries === 0) return undefined;
  const jitter = o.jitter ?? 'full';
  if (jitter !== 'full' && jitter !== 'none') throw invalid('retry.jitter', "'full' or 'none'", jitter);
  return {
    retries,
    minDelayMs: o.minDelayMs === undefined ? DEFAULTS.minDelayMs : checkNumber('retry.minDelayMs', o.minDelayMs, 0),
    maxDelayMs: o.maxDelayMs === undefined ? DEFAULTS.maxDelayMs : checkNumber('retry.maxDelayMs', o.maxDelayMs, 0),
    maxRetryAfterMs:
      o.maxRetryAfterMs === undefined ? DEFAULTS.maxRetryAfterMs : checkNumber('retry.maxRetryAfterMs', o.maxRetryAfterMs, 0),
    factor: o.factor === undefined ? DEFAULTS.factor : checkNumber('retry.factor', o.factor, 1),
    jitter,
    budget: resolveBudget(o.budget),
    shouldRetry: o.shouldRetry === undefined ? isRetryableError : checkFunction('retry.shouldRetry', o.shouldRetry),
    onRetry: o.onRetry === undefined ? undefined : checkFunction('retry.onRetry', o.onRetry),
  };
}

const DEFAULTS: RetryPolicy = {
  retries: 3,
  minDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  factor: 2,
  jitter: 'full',
  budget: undefined,
  shouldRetry: isRetryableError,
  onRetry: undefined,
};

function resolveBudget(budget: unknown): RetryBudgetLike | undefined {
  if (budget === undefined) return undefined;
  if (typeof budget === 'number') return new RetryBudget(budget);
  if (budget !== null && typeof budget === 'object' && typeof (budget as RetryBudgetLike).take === 'function') {
    return budget as RetryBudgetLike;
  }
  throw invalid('retry.budget', 'a non-negative integer or a RetryBudget', budget);
}

/** Full-jitter exponential backoff: random in [0, min(maxDelayMs, minDelayMs · factor^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (attempt - 1));
  return policy.jitter === 'full' ? Math.random() * ceiling : ceiling;
}

/**
 * How long to wait before retrying after `attempt` failed with `error`, or undefined to give up:
 * out of retries, not retryable, or the server asks for a wait longer than `maxRetryAfterMs`.
 * The budget is not consulted here (the caller takes from it last, so refusals cost nothing).
 */
export function retryDelay(policy: RetryPolicy, error: unknown, attempt: number): number | undefined {
  if (attempt > policy.retries || !policy.shouldRetry(error, attempt)) return undefined;
  const asked = retryAfterMs(error);
  if (asked === undefined) return backoffDelay(policy, attempt);
  return asked > policy.maxRetryAfterMs ? undefined : asked;
}
