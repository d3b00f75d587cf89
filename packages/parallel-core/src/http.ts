// What HTTP errors and responses tell the retry and rate-limit policies (`@fanout/parallel-core/http`):
// status, retryable or overload, `Retry-After`, rate-limit headers. No pool, no scheduler, for HTTP
// clients that only need the vocabulary.
export { isNetworkError, isOverloadError, isRetryableError, statusOf } from './error-kind.js';
export { parseRetryAfter, retryAfterFromHeaders, retryAfterMs } from './retry-after.js';
export { parseResetMs, pickRateLimitHeaders, pickRawRateLimitHeaders } from './rate-limit-headers.js';
