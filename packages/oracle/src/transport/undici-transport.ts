// The hot path: undici on one Agent. A chat answer goes through `dispatch` with a handler that buffers
// it (buffered-request.ts); streams and /models use `request()`. Both cost a fraction of the CPU per
// call of the openai SDK over undici's fetch (see the package README), which matters at 10^4 calls.
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Dispatcher } from 'undici';
import { pickRateLimitHeaders } from '@fanout/parallel-core/http';
import { OracleError } from '../errors.js';
import { redact } from '../redact.js';
import type { ChatRequest, ChatResult, ChatStream } from '../types.js';
import { apiError, clip, parseServerError } from './api-error.js';
import { bufferedRequest, type BufferedResponse } from './buffered-request.js';
import { chatStream } from './chat-stream.js';
import { readCompletion } from './completion.js';
import type { Endpoint } from './endpoint.js';
import { connectionError } from './network-error.js';
import { chatBody } from './request-body.js';
import { sseData } from './sse.js';
import type { Transport } from './transport.js';
import { createAgent, loadUndiciCore } from './undici-core.js';

function parseJSON(text: string, endpoint: Endpoint): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new OracleError('BAD_RESPONSE', `${endpoint.baseURL}: the answer is not JSON: ${clip(redact(text, [endpoint.apiKey]))}`);
  }
}

export async function createUndiciTransport(endpoint: Endpoint): Promise<Transport> {
  const { Agent, request } = await loadUndiciCore();
  const agent = createAgent(Agent, endpoint.connections);
  const base = new URL(endpoint.baseURL);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const baseHeaders: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'fanout-oracle' };
  if (endpoint.apiKey) baseHeaders['authorization'] = `Bearer ${endpoint.apiKey}`;

  const fail = (error: unknown, signal: AbortSignal | undefined): unknown =>
    signal?.aborted ? signal.reason : error instanceof OracleError ? error : connectionError(error, endpoint.baseURL);

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
    extra: Readonly<Record<string, string>> | undefined,
  ): Promise<Dispatcher.ResponseData> {
    try {
      return await request(agent, {
        origin,
        path: basePath + path,
        method,
        headers: extra ? { ...baseHeaders, ...extra } : baseHeaders,
        ...(body !== undefined && { body }),
        ...(signal !== undefined && { signal }),
      });
    } catch (error) {
      throw fail(error, signal);
    }
  }

  const chatPath = `${basePath}/chat/completions`;

  /** POST /chat/completions, the whole answer buffered. */
  async function post(body: string, signal: AbortSignal | undefined, extra: Readonly<Record<string, string>> | undefined): Promise<BufferedResponse> {
    try {
      return await bufferedRequest(
        agent,
        { origin, path: chatPath, method: 'POST', headers: extra ? { ...baseHeaders, ...extra } : baseHeaders, body },
        signal,
      );
    } catch (error) {
      throw fail(error, signal);
    }
  }

  async function readText(response: Dispatcher.ResponseData, signal: AbortSignal | undefined): Promise<string> {
    try {
      return await response.body.text();
    } catch (error) {
      throw fail(error, signal);
    }
  }

  async function failed(response: Dispatcher.ResponseData, signal: AbortSignal | undefined, model: string | undefined): Promise<never> {
    const text = await readText(response, signal);
    throw apiError(endpoint, response.statusCode, pickRateLimitHeaders(response.headers) ?? {}, text, model);
  }

  async function* chunks(response: Dispatcher.ResponseData, model: string): AsyncGenerator<ChatCompletionChunk> {
    for await (const data of sseData(response.body)) {
      const chunk = parseJSON(data, endpoint) as ChatCompletionChunk & { error?: unknown };
      if (chunk.error) throw apiError(endpoint, 500, {}, parseServerError(chunk), model);
      yield chunk;
    }
  }

  return {
    async chat(request: ChatRequest, defaultModel: string, signal: AbortSignal | undefined): Promise<ChatResult> {
      const start = performance.now();
      const model = request.model || defaultModel;
      const response = await post(JSON.stringify(chatBody(request, defaultModel, false)), signal, request.headers);
      const headers = response.headers;
      if (response.statusCode >= 300) throw apiError(endpoint, response.statusCode, headers ?? {}, response.text, model);
      const completion = parseJSON(response.text, endpoint) as ChatCompletion & { error?: unknown };
      // Some gateways (OpenRouter) report upstream failures as a 200 carrying `error`.
      if (completion.error) throw apiError(endpoint, 502, headers ?? {}, parseServerError(completion), model);
      const { content, model: answered, usage } = readCompletion(completion, endpoint.baseURL);
      const ms = performance.now() - start;
      return headers ? { content, model: answered || model, usage, ms, headers } : { content, model: answered || model, usage, ms };
    },

    async stream(request: ChatRequest, defaultModel: string, signal: AbortSignal | undefined): Promise<ChatStream> {
      const start = performance.now();
      const model = request.model || defaultModel;
      const response = await send('POST', '/chat/completions', JSON.stringify(chatBody(request, defaultModel, true)), signal, request.headers);
      if (response.statusCode >= 300) return failed(response, signal, model);
      return chatStream({
        chunks: chunks(response, model),
        start,
        model,
        headers: pickRateLimitHeaders(response.headers),
        signal,
        fail: (error) => fail(error, signal),
      });
    },

    async models(signal: AbortSignal | undefined): Promise<string[]> {
      const response = await send('GET', '/models', undefined, signal, undefined);
      if (response.statusCode >= 300) return failed(response, signal, undefined);
      const list = parseJSON(await readText(response, signal), endpoint) as { data?: { id?: unknown }[] };
      return (list.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
    },

    close: () => agent.close(),
  };
}
