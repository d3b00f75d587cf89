import path from 'node:path';
import type { ChatRequest } from '@fanout/oracle';
import { ResultsWriter } from '../results-writer.js';
import type { WorkItem } from '../work-items.js';
import type { BatchBackend } from './batch-backend.js';

/** OpenAI's Batch API limits per input file. */
export const MAX_REQUESTS_PER_FILE = 50_000;
export const MAX_BYTES_PER_FILE = 200 * 1024 * 1024;

export interface InputChunk {
  /** Local copy of the uploaded JSONL. */
  readonly input: string;
  readonly count: number;
  readonly bytes: number;
}

export interface WrittenInput {
  readonly chunks: InputChunk[];
  /** Items written (over all chunks). */
  readonly total: number;
  /** Items that carry a persona: id → persona (the output only names the custom_id). */
  readonly personas: Map<string, string>;
  /** Items sent under another custom id (the provider's rules for ids): custom id → id. */
  readonly ids: Map<string, string>;
}

/** The request as the chat endpoint's JSON body. */
export function requestBody(request: ChatRequest, defaultModel: string): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model || defaultModel, messages: request.messages };
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.seed !== undefined) body['seed'] = request.seed;
  if (request.maxTokens !== undefined) body['max_tokens'] = request.maxTokens;
  return body;
}

/**
 * Writes the items as the backend's request lines (under the item id, or the custom id the provider
 * needs instead), starting a new file before either limit would be passed. Items are streamed:
 * memory holds one file's pending lines at most.
 */
export function writeBatchInput(
  items: Iterable<WorkItem>,
  build: (item: WorkItem) => ChatRequest,
  defaultModel: string,
  dir: string,
  backend: Pick<BatchBackend, 'customId' | 'line'>,
  limits: { readonly maxRequests: number; readonly maxBytes: number },
): WrittenInput {
  const chunks: InputChunk[] = [];
  const personas = new Map<string, string>();
  const ids = new Map<string, string>();
  let writer: ResultsWriter | undefined;
  let count = 0;
  let bytes = 0;
  let total = 0;
  const close = () => {
    if (!writer) return;
    writer.close({ sync: true });
    chunks.push({ input: writer.path, count, bytes });
    writer = undefined;
  };
  for (const item of items) {
    const customId = backend.customId(item.id);
    if (customId !== item.id) ids.set(customId, item.id);
    const line = backend.line(customId, build(item), defaultModel);
    const size = Buffer.byteLength(line) + 1;
    if (writer && (count >= limits.maxRequests || bytes + size > limits.maxBytes)) close();
    if (!writer) {
      // The prompts themselves: private, like the run directory.
      writer = new ResultsWriter(path.join(dir, `input-${chunks.length}.jsonl`), { mode: 0o600 });
      count = 0;
      bytes = 0;
    }
    writer.push(line);
    count++;
    bytes += size;
    total++;
    if (item.persona !== null) personas.set(item.id, item.persona);
  }
  close();
  return { chunks, total, personas, ids };
}
