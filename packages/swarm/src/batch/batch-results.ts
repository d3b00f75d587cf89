import { escapeControl } from '@fanout/oracle';
import type { SwarmAggregate } from '../aggregate.js';
import { formatRecord, type ResultRecord } from '../result-record.js';
import type { ResultsWriter } from '../results-writer.js';
import type { BatchApi } from './batch-api.js';
import type { ChunkState } from './batch-state.js';

interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: unknown; body?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
}

interface Completion {
  choices?: { message?: { content?: unknown } }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  error?: { message?: unknown };
}

export interface FetchContext {
  readonly api: BatchApi;
  readonly writer: ResultsWriter;
  readonly agg: SwarmAggregate;
  /** Ids already in the results file (grows as lines are written): a re-fetch writes nothing twice. */
  readonly done: Set<string>;
  readonly personas: ReadonlyMap<string, string>;
  readonly onResult?: ((record: ResultRecord) => void) | undefined;
}

/** The provider's words for a failed line, with its control characters shown rather than kept raw. */
function failureText(line: OutputLine): string {
  if (line.error && typeof line.error.message === 'string') {
    return escapeControl(typeof line.error.code === 'string' ? `${line.error.code}: ${line.error.message}` : line.error.message);
  }
  const status = line.response?.status_code;
  const message = (line.response?.body as Completion | undefined)?.error?.message;
  return escapeControl(`HTTP ${String(status)}${typeof message === 'string' ? `: ${message}` : ''}`);
}

/** Turns one line of an output or error file into a record (same shape as the direct path's). */
function toRecord(line: OutputLine, id: string, ctx: FetchContext): ResultRecord {
  const item = { id, persona: ctx.personas.get(id) ?? null, attempts: 1 };
  if (line.response?.status_code === 200) {
    const body = line.response.body as Completion;
    const content = body.choices?.[0]?.message?.content;
    if (typeof content === 'string') {
      const prompt = Number(body.usage?.prompt_tokens ?? 0);
      const completion = Number(body.usage?.completion_tokens ?? 0);
      return ctx.agg.success(item, content, { prompt_tokens: prompt, completion_tokens: completion }, 0);
    }
    return ctx.agg.failure(item, 'the answer holds no message content', 0);
  }
  return ctx.agg.failure(item, failureText(line), 0);
}

/** Downloads a finished batch's output and error files into the results file. Returns the lines written. */
export async function fetchChunk(chunk: ChunkState, ctx: FetchContext): Promise<number> {
  let written = 0;
  for (const fileId of [chunk.output_file_id, chunk.error_file_id]) {
    if (!fileId) continue;
    for await (const text of ctx.api.lines(fileId)) {
      let line: OutputLine;
      try {
        line = JSON.parse(text) as OutputLine;
      } catch {
        continue; // not a result line: nothing to match
      }
      const id = line.custom_id;
      if (typeof id !== 'string' || ctx.done.has(id)) continue;
      ctx.done.add(id);
      const record = toRecord(line, id, ctx);
      ctx.writer.push(formatRecord(record));
      ctx.onResult?.(record);
      written++;
    }
  }
  ctx.writer.flush();
  return written;
}
