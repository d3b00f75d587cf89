// Gemini's batch mode with inlined requests: POST {v1beta}/models/{model}:batchGenerateContent,
// poll the long-running Operation GET {v1beta}/batches/{id}; once done, its
// `response.inlinedResponses.inlinedResponses` hold one result per request in request order.
// The key goes in x-goog-api-key. The configured base URL is the OpenAI-compatible one
// (…/v1beta/openai/); the native API lives one level up.
import { existsSync, readFileSync } from 'node:fs';
import type { ChatRequest } from '@fanout/oracle';
import { readUsage } from '@fanout/oracle/cost';
import type { BatchBackend, BatchView, LineResult } from './batch-backend.js';
import { sendJson } from './batch-http.js';
import type { ChunkState } from './batch-state.js';
import { splitMessages } from './split-messages.js';

// Inlined requests must keep the whole batch request under 20 MB; the envelope takes a little.
const MAX_BYTES = 20 * 1024 * 1024 - 64 * 1024;
const MAX_REQUESTS = 50_000;
const ENDED = new Set(['BATCH_STATE_SUCCEEDED', 'BATCH_STATE_FAILED', 'BATCH_STATE_CANCELLED', 'BATCH_STATE_EXPIRED']);

interface Status {
  code?: unknown;
  message?: unknown;
  status?: unknown;
}

interface InlinedResponse {
  response?: {
    candidates?: { content?: { parts?: { text?: unknown; thought?: unknown }[] } }[];
    usageMetadata?: Record<string, unknown>;
    promptFeedback?: { blockReason?: unknown };
  };
  error?: Status;
  metadata?: { key?: unknown };
}

interface Operation {
  name: string;
  done?: boolean;
  error?: Status;
  metadata?: {
    state?: string;
    batchStats?: { requestCount?: unknown; successfulRequestCount?: unknown; failedRequestCount?: unknown };
    output?: { inlinedResponses?: { inlinedResponses?: InlinedResponse[] }; responsesFile?: unknown };
  };
  response?: { inlinedResponses?: { inlinedResponses?: InlinedResponse[] }; responsesFile?: unknown };
}

/** The native API's root for a base URL (`…/v1beta/openai/` → `…/v1beta`). */
export function geminiRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/openai$/, '');
}

/** A GenerateContentRequest for a request, naming its model. */
export function generateContentRequest(request: ChatRequest, defaultModel: string): Record<string, unknown> {
  const { system, turns } = splitMessages(request.messages);
  const model = request.model || defaultModel;
  const out: Record<string, unknown> = {
    model: model.startsWith('models/') ? model : `models/${model}`,
    contents: turns.map((t) => ({ role: t.role === 'assistant' ? 'model' : 'user', parts: [{ text: t.text }] })),
  };
  if (system !== '') out['systemInstruction'] = { parts: [{ text: system }] };
  const config: Record<string, unknown> = {};
  if (request.temperature !== undefined) config['temperature'] = request.temperature;
  if (request.maxTokens !== undefined) config['maxOutputTokens'] = request.maxTokens;
  if (request.seed !== undefined) config['seed'] = request.seed;
  if (Object.keys(config).length > 0) out['generationConfig'] = config;
  return out;
}

function view(op: Operation): BatchView {
  const state = op.metadata?.state ?? 'BATCH_STATE_UNSPECIFIED';
  const stats = op.metadata?.batchStats ?? {};
  const { output: _output, ...metadata } = op.metadata ?? {};
  const error = typeof op.error?.message === 'string' ? [op.error.message] : [];
  return {
    id: op.name,
    status: state,
    ended: op.done === true || ENDED.has(state),
    rejected: state === 'BATCH_STATE_FAILED',
    done: Number(stats.successfulRequestCount ?? 0),
    failed: Number(stats.failedRequestCount ?? 0),
    total: Number(stats.requestCount ?? 0),
    ...(error.length > 0 ? { errors: error } : {}),
    raw: { name: op.name, done: op.done === true, metadata, ...(op.error ? { error: op.error } : {}) },
  };
}

/** One inlined response as swarm's result. */
export function geminiResult(customId: string, r: InlinedResponse): LineResult {
  if (r.error) return { customId, ok: false, error: `${String(r.error.status ?? r.error.code ?? 'error')}: ${String(r.error.message ?? 'no message')}` };
  const candidate = r.response?.candidates?.[0];
  if (!candidate)
    return {
      customId,
      ok: false,
      error: `no answer${r.response?.promptFeedback?.blockReason ? ` (blocked: ${String(r.response.promptFeedback.blockReason)})` : ''}`,
    };
  const parts = candidate.content?.parts ?? [];
  const content = parts
    .filter((p) => typeof p.text === 'string' && p.thought !== true)
    .map((p) => p.text as string)
    .join('');
  // Thinking tokens billed as output, cached content tokens at the cached price.
  return { customId, ok: true, content, usage: readUsage(r.response?.usageMetadata) };
}

function keysOf(chunk: ChunkState): string[] {
  // Without the local input (an earlier process fetched the chunk), only keys the responses name match.
  if (!existsSync(chunk.input)) return [];
  return readFileSync(chunk.input, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => String((JSON.parse(l) as { metadata: { key: string } }).metadata.key));
}

export function geminiBackend(connection: { readonly baseURL: string; readonly apiKey: string | undefined }): BatchBackend {
  const root = geminiRoot(connection.baseURL);
  const headers = { 'content-type': 'application/json', ...(connection.apiKey ? { 'x-goog-api-key': connection.apiKey } : {}) };
  const get = async (name: string) => sendJson<Operation>(`${root}/${name}`, { headers, what: `reading ${name}` });
  return {
    wire: 'gemini',
    maxRequests: MAX_REQUESTS,
    maxBytes: MAX_BYTES,
    customId: (id) => id,
    line: (customId, request, defaultModel) => JSON.stringify({ request: generateContentRequest(request, defaultModel), metadata: { key: customId } }),
    lineId: (line) => (JSON.parse(line) as { metadata?: { key?: string } }).metadata?.key,
    async submit(chunk, runId) {
      const lines = readFileSync(chunk.input, 'utf8').trim().split('\n');
      // One batch asks one model (it is in the URL): the model of its requests.
      const model = (JSON.parse(lines[0]!) as { request: { model: string } }).request.model;
      const body = `{"batch":{"displayName":${JSON.stringify(`fanout ${runId}`)},"inputConfig":{"requests":{"requests":[${lines.join(',')}]}}}}`;
      return view(await sendJson<Operation>(`${root}/${model}:batchGenerateContent`, { method: 'POST', headers, body, what: 'creating the batch' }));
    },
    retrieve: async (name) => view(await get(name)),
    async cancel(name) {
      await sendJson(`${root}/${name}:cancel`, { method: 'POST', headers, body: '{}', what: `cancelling ${name}` });
      return view(await get(name));
    },
    async *results(chunk) {
      const op = await get(chunk.batch_id!);
      const output = op.response ?? op.metadata?.output;
      const responses = output?.inlinedResponses?.inlinedResponses ?? [];
      if (responses.length === 0) return; // cancelled or expired: nothing ran to the end
      // Results come in request order; a response that names its key is matched by it.
      const keys = keysOf(chunk);
      for (let i = 0; i < responses.length; i++) {
        const r = responses[i]!;
        const key = typeof r.metadata?.key === 'string' ? r.metadata.key : keys[i];
        if (key !== undefined) yield geminiResult(key, r);
      }
    },
  };
}
