import { AdaptiveLimit, RateLimiter, type PoolOptions } from '@fanout/parallel-core';
import { isRetryable } from '@fanout/oracle';

// Without rpm/tpm the limiter only follows what the server says (x-ratelimit-* at 0, retry-after);
// parallel-core's RateLimiter needs a rate, so it gets one no client reaches (as swarm does).
const UNPACED_RPM = 1e9;

export interface PaceOptions {
  readonly concurrency: number;
  readonly rpm?: number | undefined;
  readonly tpm?: number | undefined;
}

/** The pacing every call of a run shares: one rate limiter and one AIMD concurrency limit. */
export interface Pace {
  readonly limiter: RateLimiter;
  readonly adaptive: AdaptiveLimit;
}

/** `tokens(item)` estimates what one call costs against `tpm`. */
export function createPace(options: PaceOptions, tokens: (item: unknown) => number): Pace {
  return {
    limiter: new RateLimiter({
      requestsPerMinute: options.rpm ?? UNPACED_RPM,
      ...(options.tpm !== undefined ? { tokensPerMinute: options.tpm, tokens } : {}),
    }),
    adaptive: new AdaptiveLimit({ max: options.concurrency }),
  };
}

export interface CallPolicy {
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The pool options every model call of a run goes through: oracle's retry rule, the shared pacing. */
export function poolPolicy(options: CallPolicy, pace: Pace): PoolOptions {
  return {
    concurrency: options.concurrency,
    retry: { retries: options.retries, shouldRetry: isRetryable },
    timeoutMs: options.timeoutMs,
    rateLimit: pace.limiter,
    adaptive: pace.adaptive,
    signal: options.signal,
  };
}
