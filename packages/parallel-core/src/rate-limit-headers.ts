import { headerValue } from './header-value.js';
import { retryAfterFromHeaders } from './retry-after.js';

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

/** Every field is present; `undefined` when its header is absent or unreadable. */
export interface RateLimitHints {
  readonly remainingRequests: number | undefined;
  readonly resetRequestsMs: number | undefined;
  readonly remainingTokens: number | undefined;
  readonly resetTokensMs: number | undefined;
  /** From retry-after-ms / retry-after. */
  readonly retryAfterMs: number | undefined;
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
    retryAfterMs: retryAfterFromHeaders(headers),
  };
}

/** Header names the retry and rate-limit policies read (`name` lower-cased): worth keeping on an error. */
export function isRateLimitHeader(name: string): boolean {
  return name.startsWith('x-ratelimit-') || name === 'retry-after' || name === 'retry-after-ms';
}

/**
 * Keeps only what the retry and rate-limit policies read, names lower-cased: `retry-after(-ms)` and
 * `x-ratelimit-*` from a header record (undici's `string | string[]`) or `[name, value]` pairs
 * (`headers.entries()` of a fetch or openai response). Undefined when there are none.
 */
export function pickRateLimitHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>> | Iterable<[string, string]>,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const keep = (rawName: string, value: string | string[] | undefined): void => {
    if (value === undefined) return;
    const name = rawName.toLowerCase();
    if (isRateLimitHeader(name)) {
      out ??= {};
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  };
  if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<[string, string]>) keep(name, value);
  } else {
    // Once per response on a hot path: no entries array.
    const record = headers as Readonly<Record<string, string | string[] | undefined>>;
    for (const name in record) {
      const first = name.charCodeAt(0) | 32; // lower-cased first letter: only x… and r… can match
      if (first === 120 || first === 114) keep(name, record[name]);
    }
  }
  return out;
}

/** Like `pickRateLimitHeaders`, over undici's raw header list (name, value, name, value… as bytes). */
export function pickRawRateLimitHeaders(raw: readonly Buffer[]): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const first = raw[i]![0]! | 32; // only x… and r… names can match: most are never decoded
    if (first !== 120 && first !== 114) continue;
    const name = raw[i]!.toString('latin1').toLowerCase();
    if (!isRateLimitHeader(name)) continue;
    const value = raw[i + 1]!.toString('latin1');
    out ??= {};
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}
