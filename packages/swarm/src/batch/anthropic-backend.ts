// Anthropic's Message Batches API: POST /v1/messages/batches with the requests inline, poll
// GET …/{id}, read GET …/{id}/results (JSONL of {custom_id, result}). Headers: x-api-key and
// anthropic-version, as the API requires.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ChatRequest } from '@fanout/oracle';
import { readUsage } from '@fanout/oracle/cost';
import { splitLines } from './batch-api.js';
import type { BatchBackend, BatchView, LineResult } from './batch-backend.js';
import { jsonLines, send, sendJson } from './batch-http.js';
import type { ChunkState } from './batch-state.js';
import { splitMessages } from './split-messages.js';

const VERSION = '2023-06-01';
// The Messages API needs a max_tokens; this one when --max-tokens is not given.
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
// A batch holds up to 100,000 requests or 256 MB; the envelope around the lines takes a little.
const MAX_REQUESTS = 100_000;
const MAX_BYTES = 256 * 1024 * 1024 - 64 * 1024;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

interface MessageBatch {
  id: string;
  processing_status: string;
  request_counts?: { processing?: number; succeeded?: number; errored?: number; canceled?: number; expired?: number };
}

interface ResultLine {
  custom_id?: unknown;
  result?: {
    type?: unknown;
    message?: { content?: { type?: unknown; text?: unknown }[]; usage?: Record<string, unknown> };
    error?: { error?: { type?: unknown; message?: unknown } };
  };
}

/**
 * Anthropic takes custom ids of 1–64 letters, digits, `_` and `-`; any other item id is sent as a
 * digest of it (the run keeps the map back to the id).
 */
export function anthropicCustomId(id: string): string {
  return CUSTOM_ID.test(id) ? id : `h-${createHash('sha256').update(id).digest('base64url').slice(0, 43)}`;
}

/** The Messages API params for a request. */
export function messageParams(request: ChatRequest, defaultModel: string): Record<string, unknown> {
  const { system, turns } = splitMessages(request.messages);
  const params: Record<string, unknown> = {
    model: request.model || defaultModel,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: turns.map((t) => ({ role: t.role, content: t.text })),
  };
  if (system !== '') params['system'] = system;
  if (request.temperature !== undefined) params['temperature'] = request.temperature;
  return params;
}

function view(batch: MessageBatch): BatchView {
  const c = batch.request_counts ?? {};
  const total = (c.processing ?? 0) + (c.succeeded ?? 0) + (c.errored ?? 0) + (c.canceled ?? 0) + (c.expired ?? 0);
  return {
    id: batch.id,
    status: batch.processing_status,
    ended: batch.processing_status === 'ended',
    rejected: false,
    done: c.succeeded ?? 0,
    failed: (c.errored ?? 0) + (c.canceled ?? 0) + (c.expired ?? 0),
    total,
    raw: batch,
  };
}

const NOT_RUN: Record<string, string> = {
  canceled: 'canceled: the batch was cancelled before this request ran',
  expired: 'expired: the batch expired before this request ran',
};

/** One line of the results file as swarm's result. */
export function anthropicResult(line: ResultLine): LineResult | undefined {
  const customId = line.custom_id;
  if (typeof customId !== 'string') return undefined;
  const result = line.result ?? {};
  if (result.type === 'succeeded') {
    const blocks = result.message?.content ?? [];
    const content = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string).join('');
    // Cache reads and writes (`cache_read_input_tokens`, `cache_creation_input_tokens`) at their own prices.
    return { customId, ok: true, content, usage: readUsage(result.message?.usage) };
  }
  if (result.type === 'errored') {
    const error = result.error?.error ?? {};
    return { customId, ok: false, error: `${String(error.type ?? 'error')}: ${String(error.message ?? 'no message')}` };
  }
  return { customId, ok: false, error: NOT_RUN[String(result.type)] ?? `no result (${String(result.type)})` };
}

export function anthropicBackend(connection: { readonly baseURL: string; readonly apiKey: string | undefined }): BatchBackend {
  const root = `${connection.baseURL.replace(/\/+$/, '')}/messages/batches`;
  const headers = { 'content-type': 'application/json', 'anthropic-version': VERSION, ...(connection.apiKey ? { 'x-api-key': connection.apiKey } : {}) };
  return {
    wire: 'anthropic',
    maxRequests: MAX_REQUESTS,
    maxBytes: MAX_BYTES,
    customId: anthropicCustomId,
    line: (customId, request, defaultModel) => JSON.stringify({ custom_id: customId, params: messageParams(request, defaultModel) }),
    lineId: (line) => (JSON.parse(line) as { custom_id?: string }).custom_id,
    async submit(chunk: ChunkState) {
      const lines = readFileSync(chunk.input, 'utf8').trim().split('\n');
      const body = `{"requests":[${lines.join(',')}]}`;
      return view(await sendJson<MessageBatch>(root, { method: 'POST', headers, body, what: 'creating the message batch' }));
    },
    retrieve: async (id) => view(await sendJson<MessageBatch>(`${root}/${id}`, { headers, what: `reading message batch ${id}` })),
    cancel: async (id) => view(await sendJson<MessageBatch>(`${root}/${id}/cancel`, { method: 'POST', headers, what: `cancelling message batch ${id}` })),
    async *results(chunk) {
      const id = chunk.batch_id!;
      const response = await send(`${root}/${id}/results`, { headers, what: `reading the results of message batch ${id}` });
      if (!response.body) return;
      for await (const line of jsonLines<ResultLine>(splitLines(response.body))) {
        const result = anthropicResult(line);
        if (result) yield result;
      }
    },
  };
}
