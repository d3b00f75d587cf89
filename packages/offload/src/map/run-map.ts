import { pstream } from '@fanout/parallel-core';
import type { BudgetGate, OracleClient, Usage } from '@fanout/oracle';
import type { Chunk } from '../chunk/pack.js';
import { poolPolicy, type Pace } from '../pace.js';
import { MAP_MAX_TOKENS, MAP_SCHEMA, mapMessages } from './map-prompt.js';
import { parseMapAnswer, type MapAnswer } from './parse-findings.js';

export interface MapOptions {
  readonly client: OracleClient;
  readonly question: string;
  readonly model: string;
  /** The chunks, possibly still being produced (`total()` counts those handed out so far). */
  readonly chunks: AsyncIterable<Chunk> | readonly Chunk[];
  readonly total: () => number;
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs?: number | undefined;
  readonly pace: Pace;
  readonly signal?: AbortSignal | undefined;
  /** Told each answer as it arrives (completion order). */
  readonly onAnswer: (chunk: Chunk, answer: MapAnswer) => void;
  readonly onProgress?: ((progress: { done: number; total: number }) => void) | undefined;
  /** Spending limits: a chunk is read only while its call cannot cross one (`cost` prices a call's usage). */
  readonly budget?: { readonly gate: BudgetGate<Chunk>; cost(usage: Usage): number } | undefined;
}

export interface MapReport {
  readonly calls: number;
  /** Chunks answered or failed. */
  readonly chunks: number;
  readonly failed: number;
  /** The first failure, to report when every call failed. */
  readonly firstError: unknown;
  readonly usage: Usage;
  /** The budget stopped the readers: chunks were left unread. */
  readonly budgetStopped: boolean;
}

// A wrong key or model fails every call the same way: stop at the first instead of N times.
const FATAL_CODES = new Set(['AUTH', 'UNKNOWN_MODEL']);

/** Sends every chunk to a reader at bounded, adaptive concurrency, with retries and pacing. */
export async function runMap(options: MapOptions): Promise<MapReport> {
  const { client, pace, chunks, total } = options;
  const observe = pace.limiter.observe.bind(pace.limiter);
  const usage = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0 };
  // What each chunk's call cost, for the budget to settle when the chunk is done.
  const spent = new WeakMap<Chunk, Usage>();
  let calls = 0;
  let failed = 0;
  let done = 0;
  let firstError: unknown;

  const { budget } = options;
  let budgetStopped = false;
  const stream = pstream(
    budget ? budget.gate.items(chunks, () => void (budgetStopped = true)) : chunks,
    async (chunk, context) => {
      calls++;
      const result = await client.chat(
        { messages: mapMessages(options.question, chunk), model: options.model, schema: MAP_SCHEMA, maxTokens: MAP_MAX_TOKENS },
        { signal: context.signal },
      );
      // Failed attempts' headers reach the limiter through the pool; successful ones only from here.
      if (result.headers !== undefined) observe(result.headers);
      usage.prompt_tokens += result.usage.prompt_tokens;
      usage.completion_tokens += result.usage.completion_tokens;
      usage.cached_tokens += result.usage.cached_tokens ?? 0;
      spent.set(chunk, result.usage);
      return parseMapAnswer(result.content);
    },
    poolPolicy(options, pace),
  );
  for await (const r of stream) {
    done++;
    const used = spent.get(r.item);
    budget?.gate.settle(r.item, used && { usd: budget.cost(used), tokens: used.prompt_tokens + used.completion_tokens });
    if (r.ok) options.onAnswer(r.item, r.value);
    else {
      failed++;
      firstError ??= r.error;
      if (FATAL_CODES.has((r.error as { code?: unknown } | null)?.code as string)) throw r.error;
    }
    options.onProgress?.({ done, total: total() });
  }
  return { calls, chunks: done, failed, firstError, usage, budgetStopped };
}
