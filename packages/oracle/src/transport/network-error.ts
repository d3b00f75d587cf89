import { ConnectionError } from '../errors.js';

/** First `code` found along the `cause` chain (undici and the SDK both wrap the socket error). */
function errnoOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$|^UND_ERR/.test(code)) return code;
  }
  return undefined;
}

/** Turns a socket-level failure into a ConnectionError naming the URL (never the key: it is not in the URL). */
export function connectionError(error: unknown, url: string): ConnectionError {
  const errno = errnoOf(error);
  const message =
    errno === 'ECONNREFUSED' || errno === 'ENOTFOUND' || errno === 'EAI_AGAIN'
      ? `cannot connect to ${url} (${errno})`
      : `connection to ${url} failed (${errno ?? 'network error'}): ${error instanceof Error ? error.message : String(error)}`;
  return new ConnectionError(message, { url, errno, cause: error });
}
