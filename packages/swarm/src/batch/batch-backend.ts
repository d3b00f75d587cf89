// What a provider's batch API must do for `swarm --batch-api`, in swarm's words: the run loop, the
// run state and `swarm batches` speak only this; each wire format (OpenAI's Batch API, Anthropic's
// Message Batches, Gemini's batch mode) is one implementation.
import type { ChatRequest, Usage } from '@fanout/oracle';
import type { ChunkState } from './batch-state.js';

/** The batch wire formats swarm speaks. */
export type BatchWire = 'openai' | 'anthropic' | 'gemini';

export const BATCH_WIRES: readonly BatchWire[] = ['openai', 'anthropic', 'gemini'];

/** A batch as its provider reports it. */
export interface BatchView {
  readonly id: string;
  /** The provider's own word for its state, shown as it is. */
  readonly status: string;
  /** Processing is over: its results can be read (or it was refused whole). */
  readonly ended: boolean;
  /** The provider refused the whole batch (e.g. validation): none of its requests ran. */
  readonly rejected: boolean;
  /** Requests answered and failed so far, of `total` (Anthropic counts only once the batch ends). */
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  /** Why a rejected batch was refused. */
  readonly errors?: readonly string[];
  /** OpenAI: the files its results are in. */
  readonly outputFileId?: string | null;
  readonly errorFileId?: string | null;
  /** The provider's object (without inlined results), for `swarm batches status --json`. */
  readonly raw: unknown;
}

/** One request's result, keyed by the custom id it was sent with. */
export type LineResult =
  | { readonly customId: string; readonly ok: true; readonly content: string; readonly usage: Usage }
  | { readonly customId: string; readonly ok: false; readonly error: string };

export interface BatchBackend {
  readonly wire: BatchWire;
  /** The most requests one batch may hold. */
  readonly maxRequests: number;
  /** The most bytes of request lines one batch may hold. */
  readonly maxBytes: number;
  /** A custom id the provider accepts for this item id (the id itself when it does). */
  customId(id: string): string;
  /** One line of a chunk's local input file: the request as the provider takes it, under `customId`. */
  line(customId: string, request: ChatRequest, defaultModel: string): string;
  /** The custom id a line of the local input file was written with. */
  lineId(line: string): string | undefined;
  /** Sends one chunk as one batch; a step that must survive a crash (an upload) is recorded on `chunk`, then `save` is called. */
  submit(chunk: ChunkState, runId: string, save: () => void): Promise<BatchView>;
  retrieve(batchId: string): Promise<BatchView>;
  /** Asks the provider to stop the batch; resolves with how it looks afterwards. */
  cancel(batchId: string): Promise<BatchView>;
  /** The results of an ended batch, one per request that has one. */
  results(chunk: ChunkState): AsyncIterable<LineResult>;
}

/** The batch wire of a provider; undefined when it has no batch API swarm speaks. `sim` serves OpenAI's. */
export function batchWireFor(provider: string): BatchWire | undefined {
  if (provider === 'openai' || provider === 'sim') return 'openai';
  if (provider === 'anthropic' || provider === 'gemini') return provider;
  return undefined;
}
