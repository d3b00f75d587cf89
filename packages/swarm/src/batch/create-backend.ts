import { anthropicBackend } from './anthropic-backend.js';
import { createBatchApi } from './batch-api.js';
import type { BatchBackend, BatchWire } from './batch-backend.js';
import { geminiBackend } from './gemini-backend.js';
import { openaiBackend } from './openai-backend.js';

export interface BatchConnection {
  /** The provider's base URL as configured (for Gemini its OpenAI-compatible one). */
  readonly baseURL: string;
  /** Never stored or printed. */
  readonly apiKey: string | undefined;
}

/** The batch API of one wire format at one provider (OpenAI's loads the openai SDK). */
export async function createBatchBackend(wire: BatchWire, connection: BatchConnection): Promise<BatchBackend> {
  if (wire === 'anthropic') return anthropicBackend(connection);
  if (wire === 'gemini') return geminiBackend(connection);
  return openaiBackend(await createBatchApi(connection));
}
