import { AbortError, TaskTimeoutError } from './errors.js';
import { errorHeaders, headerValue } from './header-value.js';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENETDOWN',
  'ENETRESET',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

// undici codes that are about the caller's own request, not the network: retrying cannot help.
const UNDICI_PERMANENT = new Set([
  'UND_ERR_ABORTED',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
]);

/** The HTTP status an error carries: `status`, `statusCode` or `response.status`. */
export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  const status = e.status ?? e.statusCode ?? (e.response !== null && typeof e.response === 'object' ? e.response.status : undefined);
  return typeof status === 'number' ? status : undefined;
}

/** A connection-level failure, looking through up to three `cause`s (fetch wraps them in "fetch failed"). */
export function isNetworkError(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || (code.startsWith('UND_ERR_') && !UNDICI_PERMANENT.has(code)))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The default `retry.shouldRetry`: statuses 408, 409, 429 and 5xx (529 "overloaded" included),
 * network errors, task timeouts and other timeouts/connection errors of HTTP clients; never an AbortError.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof AbortError) return false;
  if (error instanceof TaskTimeoutError) return true;
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  if (isNetworkError(error)) return true;
  const name = error instanceof Error ? error.name : undefined;
  return name === 'TimeoutError' || name === 'APIConnectionError' || name === 'APIConnectionTimeoutError';
}

/**
 * The default `adaptive.isOverload`: status 429, 529 (Anthropic's "overloaded"), or 503 with a
 * retry-after header (a plain 503 may be an outage rather than load).
 */
export function isOverloadError(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 429 || status === 529) return true;
  if (status !== 503) return false;
  const headers = errorHeaders(error);
  return headerValue(headers, 'retry-after') !== undefined || headerValue(headers, 'retry-after-ms') !== undefined;
}
