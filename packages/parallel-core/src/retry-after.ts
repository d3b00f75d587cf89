import { errorHeaders, headerValue } from './header-value.js';

/** RFC 9111 §1.2.2: a delta-seconds too large to represent is read as 2^31 seconds. */
const MAX_DELTA_SECONDS = 2 ** 31;
const MAX_MS = MAX_DELTA_SECONDS * 1000;

const DELTA_SECONDS = /^\d+$/;
// `retry-after-ms` (OpenAI, Azure) is not in an RFC; clients read it as a non-negative decimal.
const DECIMAL_MS = /^\d+(?:\.\d+)?$/;
// RFC 9110 §5.6.7 HTTP-date: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

function httpDate(text: string): number {
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) return Date.parse(text);
  // asctime carries no zone and means GMT; Date.parse would read it as local time.
  if (ASCTIME_DATE.test(text)) return Date.parse(`${text} GMT`);
  return Number.NaN;
}

/**
 * A `Retry-After` value (RFC 9110 §10.2.3) in ms: delta-seconds (digits only; `1e3`, `-1` and
 * `1.5` are not) or an HTTP-date (a date in the past is 0). Whitespace around the value is not part
 * of it. Huge values are clamped to 2^31 s. Undefined when the value is missing or unreadable.
 * @example parseRetryAfter('120') // 120_000
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (DELTA_SECONDS.test(text)) return Math.min(Number(text), MAX_DELTA_SECONDS) * 1000;
  const date = httpDate(text);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - now), MAX_MS);
}

/** A `retry-after-ms` value: a non-negative decimal number of ms, clamped like `parseRetryAfter`. */
export function parseRetryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return DECIMAL_MS.test(text) ? Math.min(Number(text), MAX_MS) : undefined;
}

/**
 * How long a response's headers ask to wait, in ms: `retry-after-ms`, else `retry-after`. `headers`
 * is anything `headerValue` reads (a `Headers`, a record, undici's record with arrays).
 */
export function retryAfterFromHeaders(headers: unknown, now = Date.now()): number | undefined {
  return parseRetryAfterMs(headerValue(headers, 'retry-after-ms')) ?? parseRetryAfter(headerValue(headers, 'retry-after'), now);
}

/**
 * How long the server asked us to wait, in ms, or undefined when the error says nothing:
 * `error.retryAfterMs`, then its headers' `retry-after-ms`, then `retry-after` (seconds or an HTTP date).
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const own = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own;
  const headers = errorHeaders(error);
  return headers === undefined ? undefined : retryAfterFromHeaders(headers, now);
}
