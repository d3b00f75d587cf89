import { errorHeaders, headerValue } from './header-value.js';

const SECONDS = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * How long the server asked us to wait, in ms, or undefined when the error says nothing:
 * `error.retryAfterMs`, then the `retry-after-ms` header (ms), then `retry-after` (seconds or an HTTP date).
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const own = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own;
  const headers = errorHeaders(error);
  if (headers === undefined) return undefined;
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms !== undefined) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headerValue(headers, 'retry-after');
  if (after === undefined) return undefined;
  if (SECONDS.test(after)) return Number.parseFloat(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
