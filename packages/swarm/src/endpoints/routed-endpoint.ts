import { AdaptiveLimit, parseResetMs, retryAfterMs } from '@fanout/parallel-core';
import { ConnectionError, type ChatResult, type OracleClient } from '@fanout/oracle';
import { isRateLimitSignal } from '../flex.js';
import type { EndpointSpec } from './endpoint-spec.js';

/** An endpoint's figures in the summary (`endpoints` in `--json`). */
export interface EndpointFigures {
  readonly name: string;
  readonly url: string;
  /** Items this endpoint answered (ok). */
  readonly ok: number;
  /** Its share of the answered items. */
  readonly share: number;
  /** Answers per second of the run's wall time. */
  readonly rps: number;
  /** Requests sent, retries and rerouted attempts included. */
  readonly attempts: number;
  /** 429s (and other overload answers) it gave. */
  readonly rate_limited: number;
  /** Other failed attempts: 5xx, timeouts, dropped or refused connections. */
  readonly errors: number;
  /** Times it was found unreachable and taken out of the rotation until a probe succeeds. */
  readonly down: number;
  /** Concurrency ceiling, the lowest its AIMD limit fell to, and where it ended. */
  readonly concurrency: { readonly max: number; readonly min: number; readonly final: number };
  /** Why it was dropped for good (a key or model it refuses), when it was. */
  readonly disabled?: string;
}

// Codes of answers that no retry on this endpoint can get past (a wrong key, an unknown model).
const DISABLING = new Set(['AUTH', 'UNKNOWN_MODEL']);
const FIRST_DOWN_MS = 200;
const MAX_DOWN_MS = 5_000;
// A 429 without Retry-After still pauses the endpoint a little, so the next wave goes elsewhere.
const DEFAULT_PAUSE_MS = 250;

/** What one failed attempt says about its endpoint. */
export type AttemptVerdict = 'overload' | 'down' | 'disabled' | 'error';

/**
 * One endpoint in the rotation: its client, its own AIMD limit (halved on its own 429s), a pause
 * from its own Retry-After / x-ratelimit headers, and a down state with backoff when it stops
 * answering (one probe at a time until it answers again).
 */
export class RoutedEndpoint {
  readonly spec: EndpointSpec;
  readonly client: OracleClient;
  readonly limit: AdaptiveLimit;
  inFlight = 0;
  pausedUntil = 0;
  downUntil = 0;
  downStreak = 0;
  /** The answer that took it out of the run for good (a key or model it refuses). */
  disabled: unknown;
  ok = 0;
  attempts = 0;
  rateLimited = 0;
  errors = 0;
  downs = 0;
  #minLimit: number;

  constructor(spec: EndpointSpec, client: OracleClient, max: number) {
    this.spec = spec;
    this.client = client;
    this.#minLimit = max;
    this.limit = new AdaptiveLimit({ max, onChange: (limit) => void (this.#minLimit = Math.min(this.#minLimit, limit)) });
  }

  /** Requests it may take now (0 while paused, down or disabled; 1 while probing after being down). */
  room(now: number): number {
    if (this.disabled !== undefined || now < this.pausedUntil || now < this.downUntil) return 0;
    return (this.downStreak > 0 ? 1 : this.limit.current) - this.inFlight;
  }

  /** When it may take work again, if it is only waiting (paused or down). */
  readyAt(): number {
    return Math.max(this.pausedUntil, this.downUntil);
  }

  succeeded(result: ChatResult): void {
    this.ok++;
    this.downStreak = 0;
    this.limit.success();
    const h = result.headers as Record<string, string | undefined> | undefined;
    // Nothing left in its request budget: wait for one request's worth instead of collecting 429s.
    // The reset header is the time until the whole budget is back (a bucket refilling steadily), so
    // one request comes back after reset / limit — pausing for all of it would idle the endpoint.
    if (h !== undefined && h['x-ratelimit-remaining-requests'] === '0') {
      const reset = parseResetMs(h['x-ratelimit-reset-requests']);
      const limit = Number(h['x-ratelimit-limit-requests']);
      if (reset !== undefined && limit >= 1) this.pausedUntil = Math.max(this.pausedUntil, performance.now() + reset / limit);
    }
  }

  /** Records a failed attempt (started at limit generation `generation`) and says what it means. */
  failed(error: unknown, generation: number): AttemptVerdict {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && DISABLING.has(code)) {
      this.errors++;
      this.disabled = error ?? new Error('refused');
      return 'disabled';
    }
    // Flex's "Resource Unavailable" is not this endpoint's rate limit: an error, tried elsewhere.
    if (isRateLimitSignal(error)) {
      this.rateLimited++;
      this.limit.failure(error, generation);
      this.pausedUntil = Math.max(this.pausedUntil, performance.now() + (retryAfterMs(error) ?? DEFAULT_PAUSE_MS));
      return 'overload';
    }
    this.errors++;
    if (error instanceof ConnectionError) {
      if (this.downStreak === 0) this.downs++;
      this.downStreak++;
      this.downUntil = performance.now() + Math.min(MAX_DOWN_MS, FIRST_DOWN_MS * 2 ** (this.downStreak - 1));
      return 'down';
    }
    return 'error';
  }

  figures(totalOk: number, wallMs: number): EndpointFigures {
    return {
      name: this.spec.name,
      url: this.spec.url,
      ok: this.ok,
      share: totalOk > 0 ? Math.round((this.ok / totalOk) * 10_000) / 10_000 : 0,
      rps: wallMs > 0 ? Math.round((this.ok / wallMs) * 10_000) / 10 : 0,
      attempts: this.attempts,
      rate_limited: this.rateLimited,
      errors: this.errors,
      down: this.downs,
      concurrency: { max: this.limit.max, min: this.#minLimit, final: this.limit.current },
      ...(this.disabled !== undefined ? { disabled: this.disabled instanceof Error ? this.disabled.message : String(this.disabled) } : {}),
    };
  }
}
