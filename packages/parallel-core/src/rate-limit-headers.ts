import { headerValue } from './header-value.js';
import { retryAfterMs } from './retry-after.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;

/** Parses OpenAI-style reset durations ("1s", "6m0s", "20ms", "1h2m") or bare seconds; undefined if unreadable. */
export function parseResetMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number.parseFloat(text) * 1000;
  let total = 0;
  let matched = '';
  for (const [whole, amount, unit] of text.matchAll(PART)) {
    total += Number.parseFloat(amount!) * UNIT_MS[unit!]!;
    matched += whole;
  }
  return matched.length > 0 && matched.length === text.replace(/\s+/g, '').length ? total : undefined;
}

export interface RateLimitHints {
  readonly remainingRequests?: number;
  readonly resetRequestsMs?: number;
  readonly remainingTokens?: number;
  readonly resetTokensMs?: number;
  /** From retry-after-ms / retry-after. */
  readonly retryAfterMs?: number;
}

function count(headers: unknown, name: string): number | undefined {
  const value = headerValue(headers, name);
  if (value === undefined) return undefined;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : undefined;
}

/** What `x-ratelimit-*` and `retry-after*` headers say about the limits left. */
export function readRateLimitHints(headers: unknown): RateLimitHints {
  return {
    remainingRequests: count(headers, 'x-ratelimit-remaining-requests'),
    resetRequestsMs: parseResetMs(headerValue(headers, 'x-ratelimit-reset-requests')),
    remainingTokens: count(headers, 'x-ratelimit-remaining-tokens'),
    resetTokensMs: parseResetMs(headerValue(headers, 'x-ratelimit-reset-tokens')),
    retryAfterMs: retryAfterMs({ headers }),
  };
}
