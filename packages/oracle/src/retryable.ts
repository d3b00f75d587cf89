import { isRetryableError } from '@fanout/parallel-core/http';
import { ApiError, ConnectionError, OracleError } from './errors.js';

// Nothing listens there or the name does not resolve: retrying only delays the error.
const PERMANENT_ERRNO = new Set(['ECONNREFUSED', 'ENOTFOUND']);

/**
 * The `retry.shouldRetry` oracle uses (and council/swarm should): parallel-core's `isRetryableError`
 * (408/409/429/5xx with 529 "overloaded", network errors, per-attempt timeouts; never the caller's
 * abort), plus what oracle's own errors know: a refused connection or an unknown host is
 * configuration rather than load, and its errors that are not HTTP answers (personas, a broken
 * stream already partly printed) are not retried.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectionError) return !PERMANENT_ERRNO.has(error.errno ?? '');
  if (error instanceof OracleError && !(error instanceof ApiError)) return false;
  return isRetryableError(error);
}
