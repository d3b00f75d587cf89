import { readRateLimitHints } from './rate-limit-headers.js';
import { TokenBucket } from './token-bucket.js';
import type { RateLimiterLike, RateLimitOptions } from './types.js';
import { checkFunction, checkNumber, checkObject } from './validate.js';

export type RateLimiterOptions = RateLimitOptions;

interface Waiter {
  readonly tokens: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: (() => void) | undefined;
}

/**
 * Token buckets for requests and tokens per minute, shared by every run it is passed to. Over any
 * window of W ms at most `burst + requestsPerMinute · W / 60000` requests start. Waiters are served in
 * order (first come, first served), with one timer for the head of the queue.
 * Without `requestsPerMinute` and `tokensPerMinute` it paces nothing itself and only follows the
 * server: `observe(headers)` (or a failed attempt's headers) saying nothing is left until a reset, or
 * asking to retry after a while, pauses every start until then.
 * @example const limiter = new RateLimiter({ requestsPerMinute: 500, tokensPerMinute: 90_000, tokens: (p) => p.length / 4 });
 * @example const serverPaced = new RateLimiter(); // pauses only on x-ratelimit-* / retry-after hints
 */
export class RateLimiter implements RateLimiterLike {
  readonly #requests: TokenBucket | undefined;
  readonly #tokens: TokenBucket | undefined;
  readonly #cost: ((item: unknown) => number) | undefined;
  // Waiters are at most the runs' concurrency, so shift() on a plain array is cheap enough.
  readonly #queue: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #pausedUntil = 0;

  constructor(options: RateLimiterOptions = {}) {
    const o = checkObject('rateLimit', options, 'rate limit options or a rate limiter') as RateLimiterOptions;
    const now = performance.now();
    if (o.requestsPerMinute !== undefined) {
      const rpm = checkNumber('rateLimit.requestsPerMinute', o.requestsPerMinute, 0, true);
      const burst = o.burst === undefined ? Math.ceil(rpm / 60) : checkNumber('rateLimit.burst', o.burst, 1);
      this.#requests = new TokenBucket(rpm, burst, now);
    }
    if (o.tokensPerMinute !== undefined) {
      const tpm = checkNumber('rateLimit.tokensPerMinute', o.tokensPerMinute, 0, true);
      const burst = o.burstTokens === undefined ? Math.ceil(tpm / 60) : checkNumber('rateLimit.burstTokens', o.burstTokens, 1);
      this.#tokens = new TokenBucket(tpm, burst, now);
    }
    this.#cost = o.tokens === undefined ? undefined : checkFunction('rateLimit.tokens', o.tokens);
  }

  /** Tokens an item is estimated to cost (the `tokens` option; 1 without it). */
  cost(item: unknown): number {
    return this.#cost === undefined ? 1 : this.#cost(item);
  }

  acquire(tokens = 1, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#tryTake(tokens, performance.now()) === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let onAbort: (() => void) | undefined;
      if (signal) {
        onAbort = () => {
          const at = this.#queue.indexOf(waiter);
          if (at >= 0) this.#queue.splice(at, 1);
          reject(signal.reason);
          if (this.#queue.length === 0) {
            // Nobody waits any more: drop the timer rather than keep the process alive until it fires.
            clearTimeout(this.#timer);
            this.#timer = undefined;
          } else {
            this.#schedule();
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
      const waiter: Waiter = { tokens, resolve, reject, signal, onAbort };
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  /**
   * Applies what a server says: `x-ratelimit-remaining-requests|tokens` lower the buckets, and when
   * nothing is left the limiter waits for `x-ratelimit-reset-*`; `retry-after(-ms)` pauses it.
   */
  observe(headers: unknown): void {
    const hints = readRateLimitHints(headers);
    const now = performance.now();
    this.#requests?.refill(now);
    this.#tokens?.refill(now);
    if (hints.remainingRequests !== undefined) this.#requests?.clamp(hints.remainingRequests);
    if (hints.remainingTokens !== undefined) this.#tokens?.clamp(hints.remainingTokens);
    if (hints.remainingRequests !== undefined && hints.remainingRequests < 1 && hints.resetRequestsMs !== undefined) {
      this.pause(hints.resetRequestsMs);
    }
    if (hints.remainingTokens !== undefined && hints.remainingTokens < 1 && hints.resetTokensMs !== undefined) {
      this.pause(hints.resetTokensMs);
    }
    if (hints.retryAfterMs !== undefined) this.pause(hints.retryAfterMs);
  }

  /** Lets nothing start for `ms` (extends, never shortens, a pause already in place). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + ms);
    if (this.#queue.length > 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#schedule();
    }
  }

  /** Requests waiting for their turn. */
  get pending(): number {
    return this.#queue.length;
  }

  // Takes from both buckets when both allow it and returns 0, else returns the ms to wait.
  #tryTake(tokens: number, now: number): number {
    if (now < this.#pausedUntil) return this.#pausedUntil - now;
    const requests = this.#requests;
    const bucket = this.#tokens;
    requests?.refill(now);
    bucket?.refill(now);
    const wait = Math.max(requests?.waitMs(1) ?? 0, bucket?.waitMs(tokens) ?? 0);
    if (wait > 0) return wait;
    requests?.take(1);
    bucket?.take(tokens);
    return 0;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const queue = this.#queue;
    const now = performance.now();
    while (queue.length > 0) {
      const waiter = queue[0]!;
      const wait = this.#tryTake(waiter.tokens, now);
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#schedule();
        }, Math.max(1, Math.ceil(wait)));
        return;
      }
      queue.shift();
      waiter.signal?.removeEventListener('abort', waiter.onAbort!);
      waiter.resolve();
    }
  }
}
