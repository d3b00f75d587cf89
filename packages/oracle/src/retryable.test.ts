import { describe, expect, test } from '@jest/globals';
import { AbortError, TaskTimeoutError } from '@fanout/parallel-core';
import { ApiError, AuthError, ConnectionError, OracleError, RateLimitError, UnknownPersonaError } from './errors.js';
import { isRetryable } from './retryable.js';

const init = (status: number) => ({ status, provider: 'openai', url: 'http://127.0.0.1:1/v1', headers: {} });

describe('isRetryable: parallel-core’s predicate plus what oracle’s errors know', () => {
  test('HTTP answers follow parallel-core: 408/409/429/5xx and 529 "overloaded" retry, 4xx do not', () => {
    for (const status of [408, 409, 500, 503, 529]) expect({ status, retry: isRetryable(new ApiError('x', init(status))) }).toEqual({ status, retry: true });
    expect(isRetryable(new RateLimitError('slow down', { ...init(429), retryAfterMs: 10 }))).toBe(true);
    expect(isRetryable(new AuthError('bad key', init(401)))).toBe(false);
    expect(isRetryable(new ApiError('bad request', init(400)))).toBe(false);
  });

  test('a dropped connection retries; a refused one or an unknown host does not', () => {
    expect(isRetryable(new ConnectionError('reset', { url: 'u', errno: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new ConnectionError('refused', { url: 'u', errno: 'ECONNREFUSED' }))).toBe(false);
    expect(isRetryable(new ConnectionError('no such host', { url: 'u', errno: 'ENOTFOUND' }))).toBe(false);
  });

  test('oracle errors that are not HTTP answers never retry; timeouts do, aborts do not', () => {
    expect(isRetryable(new UnknownPersonaError('nobody', ['judge']))).toBe(false);
    expect(isRetryable(new OracleError('STREAM_INTERRUPTED', 'cut off'))).toBe(false);
    expect(isRetryable(new TaskTimeoutError(1000, 0))).toBe(true);
    expect(isRetryable(new AbortError())).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});
