import { existsSync, readFileSync } from 'node:fs';
import { escapeControl } from '@fanout/oracle';
import type { SwarmAggregate } from '../aggregate.js';
import { formatRecord, type ResultRecord } from '../result-record.js';
import type { ResultsWriter } from '../results-writer.js';
import type { BatchBackend, LineResult } from './batch-backend.js';
import type { ChunkState } from './batch-state.js';

export interface FetchContext {
  readonly backend: BatchBackend;
  readonly writer: ResultsWriter;
  readonly agg: SwarmAggregate;
  /** Ids already in the results file (grows as lines are written): a re-fetch writes nothing twice. */
  readonly done: Set<string>;
  readonly personas: ReadonlyMap<string, string>;
  /** custom id → item id, for items sent under another custom id. */
  readonly ids: ReadonlyMap<string, string>;
  readonly onResult?: ((record: ResultRecord) => void) | undefined;
}

function writeResult(ctx: FetchContext, id: string, result: LineResult | { readonly ok: false; readonly error: string }): void {
  ctx.done.add(id);
  const item = { id, persona: ctx.personas.get(id) ?? null, attempts: 1 };
  const record: ResultRecord = result.ok
    ? ctx.agg.success(item, result.content, result.usage, 0)
    : // The provider's words, with their control characters shown rather than kept raw.
      ctx.agg.failure(item, escapeControl(result.error), 0);
  ctx.writer.push(formatRecord(record));
  ctx.onResult?.(record);
}

/**
 * Writes an ended batch's results into the results file (each id once, whatever was written
 * before), then its requests that came back without a result as failures saying so, so that
 * `--resume --retry-failed` runs them directly. Returns the lines written.
 */
export async function fetchChunk(chunk: ChunkState, ctx: FetchContext): Promise<number> {
  let written = 0;
  for await (const result of ctx.backend.results(chunk)) {
    const id = ctx.ids.get(result.customId) ?? result.customId;
    if (ctx.done.has(id)) continue;
    writeResult(ctx, id, result);
    written++;
  }
  const why = `not run: batch ${chunk.batch_id ?? ''} ended ${chunk.status ?? ''} without a result for it`;
  // The local input is gone only when an earlier process fetched this chunk and died before saving so.
  const input = existsSync(chunk.input) ? readFileSync(chunk.input, 'utf8') : '';
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    const customId = ctx.backend.lineId(line);
    const id = customId === undefined ? undefined : (ctx.ids.get(customId) ?? customId);
    if (id === undefined || ctx.done.has(id)) continue;
    writeResult(ctx, id, { ok: false, error: why });
    written++;
  }
  ctx.writer.flush();
  return written;
}
