// `--transport sdk`: the openai SDK over undici's fetch with the same Agent and the SDK's retries
// off. Kept for comparison and for providers where the SDK's request shaping matters; the default
// `http` transport costs less CPU per call (see the package README).
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { Agent, fetch as undiciFetch } from 'undici';
import { pickRateLimitHeaders } from '@fanout/parallel-core/http';
import type { ChatRequest, ChatResult, ChatStream } from '../types.js';
import { apiError } from './api-error.js';
import { chatStream } from './chat-stream.js';
import { readCompletion } from './completion.js';
import type { Endpoint } from './endpoint.js';
import { connectionError } from './network-error.js';
import { chatBody } from './request-body.js';
import type { Transport } from './transport.js';
import { createAgent } from './undici-core.js';

export async function createSdkTransport(endpoint: Endpoint): Promise<Transport> {
  const agent = createAgent(Agent, endpoint.connections);
  const sdk = new OpenAI({
    apiKey: endpoint.apiKey ?? 'none',
    baseURL: endpoint.baseURL,
    maxRetries: 0,
    timeout: 600_000,
    fetch: undiciFetch as unknown as typeof globalThis.fetch,
    fetchOptions: { dispatcher: agent } as Record<string, unknown>,
  });

  const fail = (error: unknown, signal: AbortSignal | undefined, model: string | undefined): unknown => {
    if (signal?.aborted) return signal.reason;
    if (error instanceof OpenAI.APIError && error.status !== undefined) {
      const headers = error.headers ? (pickRateLimitHeaders(error.headers.entries()) ?? {}) : {};
      const server = { message: (error.error as { message?: string } | undefined)?.message ?? error.message, code: error.code ?? error.type };
      return apiError(endpoint, error.status, headers, server, model);
    }
    return connectionError(error, endpoint.baseURL);
  };

  return {
    async chat(request: ChatRequest, defaultModel: string, signal: AbortSignal | undefined): Promise<ChatResult> {
      const start = performance.now();
      const model = request.model || defaultModel;
      const body = chatBody(request, defaultModel, false) as unknown as ChatCompletionCreateParamsNonStreaming;
      try {
        const { data, response } = await sdk.chat.completions.create(body, { signal, headers: request.headers }).withResponse();
        const { content, model: answered, usage } = readCompletion(data, endpoint.baseURL);
        const headers = pickRateLimitHeaders(response.headers.entries());
        const ms = performance.now() - start;
        return headers ? { content, model: answered || model, usage, ms, headers } : { content, model: answered || model, usage, ms };
      } catch (error) {
        throw fail(error, signal, model);
      }
    },

    async stream(request: ChatRequest, defaultModel: string, signal: AbortSignal | undefined): Promise<ChatStream> {
      const start = performance.now();
      const model = request.model || defaultModel;
      const body = chatBody(request, defaultModel, true) as unknown as ChatCompletionCreateParamsStreaming;
      try {
        const { data, response } = await sdk.chat.completions.create(body, { signal, headers: request.headers }).withResponse();
        return chatStream({
          chunks: data as AsyncIterable<ChatCompletionChunk>,
          start,
          model,
          headers: pickRateLimitHeaders(response.headers.entries()),
          signal,
          fail: (error) => fail(error, signal, model),
        });
      } catch (error) {
        throw fail(error, signal, model);
      }
    },

    async models(signal: AbortSignal | undefined): Promise<string[]> {
      try {
        const ids: string[] = [];
        for await (const model of sdk.models.list({ signal })) ids.push(model.id);
        return ids;
      } catch (error) {
        throw fail(error, signal, undefined);
      }
    },

    close: () => agent.close(),
  };
}
