import { DEFAULT_CONCURRENCY } from './optimal-workers.js';
import type { Policy } from './resolve-policy.js';
import type { PoolOptions } from './types.js';
import { checkInteger, checkObject, checkSignal } from './validate.js';

// The part of option handling a run without per-task policies needs. runGraph loads the rest
// (resolve-policy.ts, run-task.ts and what they import) only when an option asks for it, so the lean
// `./graph` entry stays a handful of modules for a plain graph.

export function checkOptions(options: unknown): Record<string, unknown> {
  return options === undefined ? {} : checkObject('options', options);
}

export function checkConcurrency(value: unknown): number {
  return value === undefined ? DEFAULT_CONCURRENCY : checkInteger('concurrency', value, 1, true);
}

/** Whether any per-task policy is asked for: time limit, retry, rate limit, adaptive limit, stats, progress. */
export function wantsTaskPolicies(options: PoolOptions): boolean {
  return (
    options.timeoutMs !== undefined ||
    options.retry !== undefined ||
    options.rateLimit !== undefined ||
    (options.adaptive !== undefined && options.adaptive !== false) ||
    options.stats !== undefined ||
    (options.progress !== undefined && options.progress !== false)
  );
}

/** The policy of a run that wants none of them: `concurrency` and `signal`, checked. */
export function plainPolicy(options: PoolOptions): Policy {
  return {
    concurrency: checkConcurrency(options.concurrency),
    timeoutMs: undefined,
    signal: options.signal === undefined ? undefined : checkSignal('signal', options.signal),
    retry: undefined,
    limiter: undefined,
    adaptive: undefined,
    progressOption: undefined,
    progress: undefined,
    stats: undefined,
    plain: true,
  };
}
