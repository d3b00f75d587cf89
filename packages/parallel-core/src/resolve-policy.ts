import { AdaptiveLimit } from './adaptive-limit.js';
import { checkConcurrency } from './plain-policy.js';
import { checkProgressOptions, createProgress } from './progress.js';
import { RateLimiter } from './rate-limiter.js';
import { resolveRetry, type RetryPolicy } from './retry-policy.js';
import type { AdaptiveOptions, LatencyRecorder, PoolOptions, ProgressOptions, ProgressReporter, RateLimiterLike } from './types.js';
import { checkFunction, checkNumber, checkObject, checkSignal, invalid } from './validate.js';

/** PoolOptions checked and filled in, once per run. */
export interface Policy {
  readonly concurrency: number;
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly retry: RetryPolicy | undefined;
  readonly limiter: RateLimiterLike | undefined;
  readonly adaptive: AdaptiveLimit | undefined;
  /** The `progress` option, checked; `openProgress` turns it into a display when the run starts. */
  readonly progressOption: ProgressReporter | ProgressOptions | undefined;
  /** Set by `openProgress` when something is drawn; a run skips progress bookkeeping otherwise. */
  progress: ProgressReporter | undefined;
  readonly stats: LatencyRecorder | undefined;
  /** No per-task policy at all: the mapper is called directly, nothing allocated around it. */
  readonly plain: boolean;
}

/** Validates the pool options (everything before creating anything) and builds the run's policy. */
export function resolvePolicy(options: PoolOptions): Policy {
  const concurrency = checkConcurrency(options.concurrency);
  const timeoutMs = options.timeoutMs === undefined ? undefined : checkNumber('timeoutMs', options.timeoutMs, 0, true);
  const signal = options.signal === undefined ? undefined : checkSignal('signal', options.signal);
  const retry = resolveRetry(options.retry);
  const limiter = resolveLimiter(options.rateLimit);
  const adaptive = resolveAdaptive(options.adaptive, concurrency);
  const stats = options.stats;
  if (stats !== undefined) checkFunction('stats.record', checkObject('stats', stats, 'a LatencyStats or an object with record(ms)').record);
  return {
    concurrency,
    timeoutMs,
    signal,
    retry,
    limiter,
    adaptive,
    progressOption: checkProgress(options.progress),
    progress: undefined,
    stats,
    plain: timeoutMs === undefined && retry === undefined && limiter === undefined && adaptive === undefined && stats === undefined,
  };
}

function resolveLimiter(value: unknown): RateLimiterLike | undefined {
  if (value === undefined) return undefined;
  if (value !== null && typeof value === 'object' && typeof (value as RateLimiterLike).acquire === 'function') {
    return value as RateLimiterLike;
  }
  return new RateLimiter(value as ConstructorParameters<typeof RateLimiter>[0]);
}

function resolveAdaptive(value: unknown, concurrency: number): AdaptiveLimit | undefined {
  if (value === undefined || value === false) return undefined;
  if (value instanceof AdaptiveLimit) return value;
  const o = (value === true ? {} : checkObject('adaptive', value, 'a boolean, adaptive options or an AdaptiveLimit')) as AdaptiveOptions;
  if (o.max === undefined && concurrency === Infinity) {
    throw invalid('adaptive.max', 'an integer from 1 and up when `concurrency` is `Infinity`', o.max);
  }
  return new AdaptiveLimit({ ...o, max: o.max ?? concurrency });
}

function isReporter(value: unknown): value is ProgressReporter {
  return value !== null && typeof value === 'object' && typeof (value as ProgressReporter).add === 'function';
}

function checkProgress(value: unknown): ProgressReporter | ProgressOptions | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  if (isReporter(value)) return value;
  return checkProgressOptions(value);
}

/**
 * Starts the run's display, if any: a shared reporter is used as is; otherwise one is created (with
 * `total` when the input's length is known). Returns a stop function for the run's end.
 */
export function openProgress(policy: Policy, total: number | undefined): () => void {
  const option = policy.progressOption;
  if (option === undefined) return noop;
  if (isReporter(option)) {
    policy.progress = option.enabled ? option : undefined;
    return noop;
  }
  const reporter = createProgress(option.total === undefined && total !== undefined ? { ...option, total } : option);
  if (!reporter.enabled) return noop;
  policy.progress = reporter;
  return () => reporter.stop();
}

function noop(): void {}
