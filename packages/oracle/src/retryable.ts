import { ApiError, ConnectionError, OracleError } from './errors.js';

// Nothing listens there or the name does not resolve: retrying only delays the error.
const PERMANENT_ERRNO = new Set(['ECONNREFUSED', 'ENOTFOUND']);

/**
 * The `retry.shouldRetry` oracle uses (and council/swarm should): 408/409/429/5xx, dropped
 * connections and per-attempt timeouts retry; auth, unknown model, bad requests, refused
 * connections and the caller's abort do not.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) {
    const s = error.status;
    return s === 408 || s === 409 || s === 429 || s >= 500;
  }
  if (error instanceof ConnectionError) return !PERMANENT_ERRNO.has(error.errno ?? '');
  if (error instanceof OracleError) return false;
  // parallel-core's TaskTimeoutError: the attempt's signal fired; another attempt may be faster.
  return (error as { code?: unknown } | null)?.code === 'TASK_TIMEOUT';
}
