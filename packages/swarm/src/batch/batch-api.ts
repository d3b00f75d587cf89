// The provider's Batch API through the openai SDK: files (purpose batch) and batches. Off the hot
// path (a handful of calls per run), so the SDK's types and retries are worth its cost here.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type OpenAI from 'openai';
import type { Batch } from 'openai/resources/batches';
import { SwarmError } from '../errors.js';

export type BatchObject = Batch;

/** A Batch API call failed (HTTP status and the server's message). */
export class BatchApiError extends SwarmError {
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, options?: { cause?: unknown }) {
    super('E_BATCH_API', message, options);
    this.name = 'BatchApiError';
    this.status = status;
  }
}

export interface BatchApi {
  upload(file: string): Promise<string>;
  create(inputFileId: string, metadata: Record<string, string>): Promise<BatchObject>;
  retrieve(batchId: string): Promise<BatchObject>;
  cancel(batchId: string): Promise<BatchObject>;
  list(limit?: number): Promise<BatchObject[]>;
  /** The lines of a file's content, streamed. */
  lines(fileId: string): AsyncGenerator<string>;
}

const ENDPOINT = '/v1/chat/completions';

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const message = error instanceof Error ? error.message : String(error);
    throw new BatchApiError(`${what}: ${message}`, typeof status === 'number' ? status : undefined, { cause: error });
  }
}

/** The non-empty lines of a streamed body, trimmed. */
export async function* splitLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let carry = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    carry += decoder.decode(chunk, { stream: true });
    let nl = carry.indexOf('\n');
    while (nl !== -1) {
      const line = carry.slice(0, nl).trim();
      if (line) yield line;
      carry = carry.slice(nl + 1);
      nl = carry.indexOf('\n');
    }
  }
  carry += decoder.decode();
  if (carry.trim()) yield carry.trim();
}

export async function createBatchApi(options: { baseURL: string; apiKey: string | undefined }): Promise<BatchApi> {
  const [{ default: OpenAIClient, toFile }] = await Promise.all([import('openai')]);
  const sdk: OpenAI = new OpenAIClient({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'none', maxRetries: 3, timeout: 10 * 60_000 });
  return {
    upload: (file) =>
      call(
        `uploading ${path.basename(file)}`,
        async () => (await sdk.files.create({ file: await toFile(createReadStream(file), path.basename(file)), purpose: 'batch' })).id,
      ),
    create: (inputFileId, metadata) =>
      call('creating the batch', () => sdk.batches.create({ input_file_id: inputFileId, endpoint: ENDPOINT, completion_window: '24h', metadata })),
    retrieve: (batchId) => call(`reading batch ${batchId}`, () => sdk.batches.retrieve(batchId)),
    cancel: (batchId) => call(`cancelling batch ${batchId}`, () => sdk.batches.cancel(batchId)),
    list: (limit = 100) => call('listing batches', async () => (await sdk.batches.list({ limit })).data),
    async *lines(fileId) {
      const response = await call(`downloading file ${fileId}`, () => sdk.files.content(fileId));
      if (!response.body) return;
      yield* splitLines(response.body);
    },
  };
}
