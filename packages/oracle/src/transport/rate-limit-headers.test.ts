import { describe, expect, test } from '@jest/globals';
import { pickRateLimitHeaders, retryAfterMs } from './rate-limit-headers.js';

describe('rate-limit headers', () => {
  test('keeps retry-after* and x-ratelimit-* only, lower-cased', () => {
    expect(pickRateLimitHeaders({ 'Retry-After-Ms': '250', 'x-ratelimit-remaining-requests': '0', 'content-type': 'x' })).toEqual({
      'retry-after-ms': '250',
      'x-ratelimit-remaining-requests': '0',
    });
    expect(pickRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
    expect(pickRateLimitHeaders(new Map([['retry-after', '2']]).entries())).toEqual({ 'retry-after': '2' });
  });

  test('retry-after-ms wins over retry-after; seconds and HTTP dates are read', () => {
    expect(retryAfterMs({ 'retry-after-ms': '120', 'retry-after': '9' })).toBe(120);
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6_000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
