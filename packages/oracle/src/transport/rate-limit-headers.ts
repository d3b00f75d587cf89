import type { RateLimitHeaders } from '../errors.js';

/** Keeps only what retry and rate-limit policies read: retry-after(-ms) and x-ratelimit-*. Undefined when none. */
export function pickRateLimitHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>> | Iterable<[string, string]>,
): RateLimitHeaders | undefined {
  let out: Record<string, string> | undefined;
  const entries: Iterable<[string, string | string[] | undefined]> =
    Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers);
  for (const [rawName, value] of entries) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (name.startsWith('x-ratelimit-') || name === 'retry-after' || name === 'retry-after-ms') {
      out ??= {};
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

/** Milliseconds the server asked to wait: `retry-after-ms`, else `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: RateLimitHeaders | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers['retry-after'];
  if (after === undefined || after.trim() === '') return undefined;
  if (Number.isFinite(Number(after))) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
