import { retryAfterFromHeaders } from '@fanout/parallel-core/http';
import { ApiError, AuthError, ModelNotFoundError, RateLimitError, type ApiErrorInit, type RateLimitHeaders } from '../errors.js';
import { escapeControl } from '../escape-control.js';
import { redact } from '../redact.js';
import type { Endpoint } from './endpoint.js';

const MAX_SERVER_MESSAGE = 300;

interface ServerError {
  message: string | undefined;
  code: string | undefined;
}

/** Reads OpenAI's `{error: {message, type, code}}` (and the array or string variants some providers send). */
export function parseServerError(body: unknown): ServerError {
  let error: unknown = Array.isArray(body) ? (body[0] as { error?: unknown } | undefined)?.error : (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return { message: error, code: undefined };
  if (error === undefined && body && typeof body === 'object' && 'message' in body) error = body;
  if (!error || typeof error !== 'object') return { message: undefined, code: undefined };
  const e = error as { message?: unknown; code?: unknown; type?: unknown; status?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.status === 'string' ? e.status : typeof e.type === 'string' ? e.type : undefined;
  return { message: typeof e.message === 'string' ? e.message : undefined, code };
}

function serverText(bodyText: string): ServerError {
  try {
    return parseServerError(JSON.parse(bodyText));
  } catch {
    const text = bodyText.trim();
    return { message: text === '' ? undefined : text, code: undefined };
  }
}

/** Server text as one safe line: whitespace collapsed, control characters escaped, at most 300 characters. */
export function clip(text: string): string {
  // Only the head can be shown: a huge error body is not worth collapsing whole.
  const oneLine = escapeControl(text.slice(0, MAX_SERVER_MESSAGE * 4).replace(/\s+/g, ' ').trim());
  return oneLine.length > MAX_SERVER_MESSAGE ? `${oneLine.slice(0, MAX_SERVER_MESSAGE)}…` : oneLine;
}

/** Turns a non-2xx answer into the matching typed error. The key never appears in the message. */
export function apiError(
  endpoint: Endpoint,
  status: number,
  headers: RateLimitHeaders,
  body: string | ServerError,
  model: string | undefined,
): ApiError {
  const server = typeof body === 'string' ? serverText(body) : body;
  // Redacted before clipping: a key cut in half by the clip would no longer match.
  const said = server.message ? `: ${clip(redact(server.message, [endpoint.apiKey]))}` : '';
  const where = `${endpoint.provider} (${endpoint.baseURL})`;
  const init: ApiErrorInit = { status, provider: endpoint.provider, url: endpoint.baseURL, headers, apiCode: server.code };
  if (status === 401 || status === 403) {
    const keyVar = endpoint.keyVar ?? 'OPENAI_API_KEY';
    const what = endpoint.apiKey ? `rejected the API key read from ${keyVar}` : `needs an API key: set ${keyVar}`;
    return new AuthError(`${where} ${what} (${status})${said}`, { ...init, keyVar });
  }
  if (status === 429) {
    const wait = retryAfterFromHeaders(headers);
    return new RateLimitError(`${where} rate limit (429)${wait === undefined ? '' : `, retry after ${Math.round(wait)} ms`}${said}`, {
      ...init,
      retryAfterMs: wait,
    });
  }
  if (model !== undefined && (server.code === 'model_not_found' || (status === 404 && /model/i.test(server.message ?? '')))) {
    return new ModelNotFoundError(`unknown model "${model}" at ${where} (${status})`, { ...init, model });
  }
  return new ApiError(`${where} answered ${status}${said}`, init);
}

/** Adds what `/models` offers to an unknown-model error. */
export function withAvailableModels(error: ModelNotFoundError, available: readonly string[]): ModelNotFoundError {
  const list = available.length > 0 ? `; available: ${escapeControl(available.join(', '))}` : '; /models lists none';
  const init = { status: error.status, provider: error.provider, url: error.url, headers: error.headers, apiCode: error.apiCode, cause: error.cause };
  return new ModelNotFoundError(`${error.message}${list}`, { ...init, model: error.model, available });
}
