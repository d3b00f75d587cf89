import { describe, expect, test } from '@jest/globals';
import { AbortError, TaskTimeoutError } from './errors.js';
import {
  isOverloadError,
  isRetryableError,
  parseRetryAfter,
  pickRateLimitHeaders,
  pickRawRateLimitHeaders,
  retryAfterFromHeaders,
  retryAfterMs,
} from './http.js';
import { httpError } from './test-helpers/tasks.js';

const NOW = Date.parse('Sun, 06 Nov 1994 08:49:37 GMT');

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  test('delta-seconds: digits only, in ms', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('120')).toBe(120_000);
    // Whitespace around a field value is not part of it (RFC 9110 §5.5).
    expect(parseRetryAfter(' 5 ')).toBe(5_000);
  });

  test('what is not delta-seconds or an HTTP-date is unreadable, not a wait', () => {
    // Number('1e3') would read 1000 s, and Date.parse('-1') a day in 2001.
    for (const value of ['1e3', '-1', '1.5', '+5', '0x10', 'Infinity', '', '  ', 'soon', '5 s', '1, 2', undefined]) {
      expect({ value, ms: parseRetryAfter(value, NOW) }).toEqual({ value, ms: undefined });
    }
  });

  test('huge delta-seconds are clamped to 2^31 s (RFC 9111 §1.2.2)', () => {
    expect(parseRetryAfter('2147483648')).toBe(2 ** 31 * 1000);
    expect(parseRetryAfter('99999999999999999999')).toBe(2 ** 31 * 1000);
    expect(parseRetryAfter('9'.repeat(400))).toBe(2 ** 31 * 1000);
  });

  test('HTTP-dates in all three forms, a date in the past is no wait', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:47 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:47 GMT', NOW)).toBe(10_000);
    // asctime has no zone and means GMT, whatever the local zone is.
    expect(parseRetryAfter('Sun Nov  6 08:49:47 1994', NOW)).toBe(10_000);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:27 GMT', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 3_000).toUTCString(), NOW)).toBe(3_000);
    // Other date spellings Date.parse would take are not HTTP-dates.
    expect(parseRetryAfter('1994-11-06T08:49:47Z', NOW)).toBeUndefined();
  });
});

describe('retryAfterFromHeaders and retryAfterMs', () => {
  test('retry-after-ms (a decimal number of ms) wins over retry-after', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '120', 'retry-after': '9' })).toBe(120);
    expect(retryAfterFromHeaders(new Headers({ 'Retry-After-Ms': '12.5' }))).toBe(12.5);
    expect(retryAfterFromHeaders({ 'retry-after': ['2'] })).toBe(2_000);
    expect(retryAfterFromHeaders({ 'retry-after-ms': '9'.repeat(400) })).toBe(2 ** 31 * 1000);
  });

  test('an unreadable retry-after-ms falls back to retry-after', () => {
    for (const ms of ['1e3', '-1', 'soon', '']) {
      expect(retryAfterFromHeaders({ 'retry-after-ms': ms, 'retry-after': '3' })).toBe(3_000);
      expect(retryAfterFromHeaders({ 'retry-after-ms': ms })).toBeUndefined();
    }
    expect(retryAfterFromHeaders({})).toBeUndefined();
    expect(retryAfterFromHeaders(undefined)).toBeUndefined();
  });

  test('an error’s own retryAfterMs wins, then its headers (error.headers or error.response.headers)', () => {
    expect(retryAfterMs(Object.assign(httpError(429, { 'retry-after': '30' }), { retryAfterMs: 60 }))).toBe(60);
    expect(retryAfterMs(httpError(429, { 'retry-after': '30' }))).toBe(30_000);
    expect(retryAfterMs({ response: { status: 503, headers: { 'retry-after': '1e3' } } })).toBeUndefined();
    expect(retryAfterMs(new Error('no headers'))).toBeUndefined();
    expect(retryAfterMs('not an object')).toBeUndefined();
  });
});

describe('which errors retry and which signal overload', () => {
  test('408, 409, 429 and 5xx retry (529 "overloaded" too); other statuses and aborts do not', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529]) expect({ status, retry: isRetryableError(httpError(status)) }).toEqual({ status, retry: true });
    for (const status of [400, 401, 403, 404, 422]) expect({ status, retry: isRetryableError(httpError(status)) }).toEqual({ status, retry: false });
    expect(isRetryableError(new AbortError())).toBe(false);
    expect(isRetryableError(new TaskTimeoutError(10))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }))).toBe(true);
  });

  test('429 and 529 are overload; 503 only with a retry-after', () => {
    expect(isOverloadError(httpError(429))).toBe(true);
    expect(isOverloadError(httpError(529))).toBe(true);
    expect(isOverloadError(httpError(503))).toBe(false);
    expect(isOverloadError(httpError(503, { 'retry-after': '1' }))).toBe(true);
    expect(isOverloadError(httpError(500))).toBe(false);
  });
});

describe('picking the headers the policies read', () => {
  test('keeps retry-after* and x-ratelimit-* only, lower-cased, from a record or entries', () => {
    expect(pickRateLimitHeaders({ 'Retry-After-Ms': '250', 'x-ratelimit-remaining-requests': '0', 'content-type': 'x' })).toEqual({
      'retry-after-ms': '250',
      'x-ratelimit-remaining-requests': '0',
    });
    expect(pickRateLimitHeaders({ 'retry-after': ['1', '2'] })).toEqual({ 'retry-after': '1, 2' });
    expect(pickRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
    expect(pickRateLimitHeaders(new Headers({ 'Retry-After': '2', Server: 'x' }).entries())).toEqual({ 'retry-after': '2' });
  });

  test('and from undici’s raw header list, joining repeats', () => {
    const raw = ['X-RateLimit-Remaining-Requests', '0', 'content-type', 'text/plain', 'Retry-After', '1', 'retry-after', '2'].map((s) => Buffer.from(s));
    expect(pickRawRateLimitHeaders(raw)).toEqual({ 'x-ratelimit-remaining-requests': '0', 'retry-after': '1, 2' });
    expect(pickRawRateLimitHeaders([Buffer.from('content-length'), Buffer.from('2')])).toBeUndefined();
  });
});
