// The few HTTP calls of the Anthropic and Gemini batch paths, over Node's fetch: a run makes a
// handful of them, so neither an SDK nor a connection pool is worth loading. Transient answers
// (429, 5xx, 529, a dropped connection) are tried again with backoff, honouring Retry-After.
import { sleep } from '@fanout/parallel-core';
import { parseRetryAfter } from '@fanout/parallel-core/http';
import { BatchApiError } from './batch-api.js';


const TRIES = 4;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 30_000;

export interface HttpCall {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** What the call does, for the error: "creating the message batch". */
  readonly what: string;
}

function transient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The provider's words from an error body (`{error: {message}}`, as Anthropic and Google both send). */
async function serverMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 300);
}

/** Sends the request until it is answered 2xx (or for good otherwise); throws BatchApiError naming `what`. */
export async function send(url: string, call: HttpCall): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { method: call.method ?? 'GET', headers: call.headers, ...(call.body !== undefined ? { body: call.body } : {}) });
    } catch (error) {
      if (attempt >= TRIES) throw new BatchApiError(`${call.what}: ${(error as Error).message}`, undefined, { cause: error });
      await sleep(Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (attempt - 1)));
      continue;
    }
    if (response.ok) return response;
    if (!transient(response.status) || attempt >= TRIES) {
      throw new BatchApiError(`${call.what}: HTTP ${response.status}: ${await serverMessage(response)}`, response.status);
    }
    const asked = parseRetryAfter(response.headers.get('retry-after') ?? undefined);
    await response.body?.cancel();
    await sleep(Math.min(MAX_WAIT_MS, asked ?? FIRST_WAIT_MS * 2 ** (attempt - 1)));
  }
}

/** `send`, then the body as JSON. */
export async function sendJson<T>(url: string, call: HttpCall): Promise<T> {
  const response = await send(url, call);
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new BatchApiError(`${call.what}: the answer is not JSON`, response.status, { cause: error });
  }
}

/** The JSON objects of JSONL lines; lines that are not JSON are skipped (nothing to match them to). */
export async function* jsonLines<T>(lines: AsyncIterable<string>): AsyncGenerator<T> {
  for await (const text of lines) {
    try {
      yield JSON.parse(text) as T;
    } catch {
      // not a result line
    }
  }
}
