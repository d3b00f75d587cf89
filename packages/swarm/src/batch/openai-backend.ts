// OpenAI's Batch API (through the openai SDK, see batch-api.ts): the chunk is uploaded as a file
// (purpose batch), one batch per file, results in an output and an error file.
import { readUsage } from '@fanout/oracle/cost';
import type { BatchApi, BatchObject } from './batch-api.js';
import type { BatchBackend, BatchView, LineResult } from './batch-backend.js';
import { jsonLines } from './batch-http.js';
import { MAX_BYTES_PER_FILE, MAX_REQUESTS_PER_FILE, requestBody } from './batch-input.js';

const ENDED = new Set(['completed', 'expired', 'cancelled', 'failed']);

interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: unknown; body?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
}

interface Completion {
  choices?: { message?: { content?: unknown } }[];
  usage?: Record<string, unknown>;
  error?: { message?: unknown };
}

function view(batch: BatchObject): BatchView {
  const errors =
    batch.status === 'failed'
      ? (batch.errors?.data ?? []).map((e) => `${e.line != null ? `line ${e.line}: ` : ''}${e.message ?? e.code ?? 'failed'}`)
      : undefined;
  return {
    id: batch.id,
    status: batch.status,
    ended: ENDED.has(batch.status),
    rejected: batch.status === 'failed',
    done: batch.request_counts?.completed ?? 0,
    failed: batch.request_counts?.failed ?? 0,
    total: batch.request_counts?.total ?? 0,
    ...(errors ? { errors } : {}),
    outputFileId: batch.output_file_id ?? null,
    errorFileId: batch.error_file_id ?? null,
    raw: batch,
  };
}

/** The provider's words for a failed line. */
function failureText(line: OutputLine): string {
  if (line.error && typeof line.error.message === 'string') {
    return typeof line.error.code === 'string' ? `${line.error.code}: ${line.error.message}` : line.error.message;
  }
  const status = line.response?.status_code;
  const message = (line.response?.body as Completion | undefined)?.error?.message;
  return `HTTP ${String(status)}${typeof message === 'string' ? `: ${message}` : ''}`;
}

/** One line of an output or error file as swarm's result. */
export function openaiResult(line: OutputLine): LineResult | undefined {
  const customId = line.custom_id;
  if (typeof customId !== 'string') return undefined;
  if (line.response?.status_code !== 200) return { customId, ok: false, error: failureText(line) };
  const body = line.response.body as Completion;
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return { customId, ok: false, error: 'the answer holds no message content' };
  // Cached prompt tokens too (`prompt_tokens_details`): billed at the cached price, less the batch discount.
  return { customId, ok: true, content, usage: readUsage(body.usage) };
}

export function openaiBackend(api: BatchApi): BatchBackend {
  return {
    wire: 'openai',
    maxRequests: MAX_REQUESTS_PER_FILE,
    maxBytes: MAX_BYTES_PER_FILE,
    customId: (id) => id,
    line: (customId, request, defaultModel) =>
      JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: requestBody(request, defaultModel) }),
    lineId: (line) => (JSON.parse(line) as { custom_id?: string }).custom_id,
    async submit(chunk, runId, save) {
      if (!chunk.file_id) {
        chunk.file_id = await api.upload(chunk.input);
        save();
      }
      return view(await api.create(chunk.file_id, { fanout_run: runId }));
    },
    retrieve: async (id) => view(await api.retrieve(id)),
    cancel: async (id) => view(await api.cancel(id)),
    async *results(chunk) {
      for (const fileId of [chunk.output_file_id, chunk.error_file_id]) {
        if (!fileId) continue;
        for await (const line of jsonLines<OutputLine>(api.lines(fileId))) {
          const result = openaiResult(line);
          if (result) yield result;
        }
      }
    },
  };
}
