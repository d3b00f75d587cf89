import type { RateLimitHeaders } from '../errors.js';

/** What retry and rate-limit policies read (`name` lower-cased). */
function isRateLimitHeader(name: string): boolean {
  return name.startsWith('x-ratelimit-') || name === 'retry-after' || name === 'retry-after-ms';
}

/** Keeps only what retry and rate-limit policies read: retry-after(-ms) and x-ratelimit-*. Undefined when none. */
export function pickRateLimitHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>> | Iterable<[string, string]>,
): RateLimitHeaders | undefined {
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
    // Once per answer on the hot path: no entries array.
    const record = headers as Readonly<Record<string, string | string[] | undefined>>;
    for (const name in record) {
      const first = name.charCodeAt(0) | 32; // lower-cased first letter: only x… and r… can match
      if (first === 120 || first === 114) keep(name, record[name]);
    }
  }
  return out;
}

/** Like `pickRateLimitHeaders`, over undici's raw header list (name, value, name, value… as bytes). */
export function pickRawRateLimitHeaders(raw: readonly Buffer[]): RateLimitHeaders | undefined {
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
