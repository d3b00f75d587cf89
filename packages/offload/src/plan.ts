import { expectedOutput, pricingTarget } from '@fanout/oracle';
import { openCache, pieceKey } from './cache.js';
import { packPieces } from './chunk/pack.js';
import { estimateOffload } from './estimate.js';
import { MAP_MAX_TOKENS } from './map/map-prompt.js';
import { prepare } from './prepare.js';
import { priceTable } from './prices.js';
import type { OffloadOptions, SkippedFile } from './types.js';

export interface OffloadPlan {
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly tokens: number }[];
  readonly skipped: readonly SkippedFile[];
  /** Chunks the readers would get (file parts found in the cache are left out). */
  readonly chunks: number;
  readonly cache_hits: number;
  /** Reader calls plus at least one reduce call (more when the findings do not fit one). */
  readonly calls: number;
  readonly tokens_read: number;
  /** Prompt tokens the calls would be sent (readers and reduce), and of those, what a prompt cache would serve. */
  readonly est_prompt_tokens: number;
  readonly est_cached_tokens: number;
  /** Per model, how its prompt tokens were counted: `o200k_base`, `cl100k_base` or `chars/4 approximation`. */
  readonly tokenizers: Readonly<Record<string, string>>;
  /** Tokens the answers would take at `expected_output_tokens` per reader, and at most (every answer at its limit). */
  readonly est_completion_tokens: number;
  readonly max_completion_tokens: number;
  /** Expected tokens of one reader's answer (`expectOutputTokens`). */
  readonly expected_output_tokens: number;
  /** US dollars with answers of the expected length, and at most; null when a price is unknown. */
  readonly est_cost_usd: number | null;
  readonly max_cost_usd: number | null;
  /** `provider/model` of the models without a price. */
  readonly unpriced: readonly string[];
  readonly map_model: string | undefined;
  readonly reduce_model: string | undefined;
  readonly warnings: readonly string[];
}

/** The models a run would use, resolved without a network call (and without failing when no key is set). */
function models(input: OffloadOptions): { provider: string; map: string; reduce: string } {
  const { provider, model } = pricingTarget({ provider: input.provider, baseURL: input.baseUrl, model: input.model });
  return { provider, map: input.mapModel ?? input.model ?? model, reduce: input.reduceModel ?? input.model ?? model };
}

/**
 * What `offload` would do, spending nothing: the files it would read (and skip, with the reason),
 * the chunks and calls, tokens and an estimated cost. Reads the cache to leave out what is in it.
 */
export async function planOffload(input: OffloadOptions): Promise<OffloadPlan> {
  const { options, corpus, pieces, tokensRead } = await prepare(input);
  const warnings: string[] = [];
  const { provider, map, reduce } = models(input);
  const cache = await openCache(options.cacheDir, options.question, map, (w) => warnings.push(w));
  const todo = pieces.filter((p) => cache.get(pieceKey(p, options.question, map)) === undefined);
  await cache.close();
  const chunks = packPieces(todo, options.chunkTokens);
  const output = expectedOutput({ expectOutputTokens: input.expectOutputTokens }, MAP_MAX_TOKENS);
  const table = priceTable({ prices: input.prices, price: input.price, cwd: options.cwd }, provider, [map, reduce]);
  const { expected, ceiling } = estimateOffload({
    question: options.question,
    chunks,
    mapModel: map,
    reduceModel: reduce,
    budget: options.budget,
    reduceInputTokens: options.reduceInputTokens,
    outputTokens: output,
    table,
    provider,
  });
  return {
    files: corpus.files.map((f) => ({ path: f.path, bytes: f.bytes, tokens: f.tokens })),
    skipped: corpus.skipped,
    chunks: chunks.length,
    cache_hits: pieces.length - todo.length,
    calls: expected.calls,
    tokens_read: tokensRead,
    est_prompt_tokens: expected.prompt_tokens,
    est_cached_tokens: expected.cached_tokens,
    tokenizers: expected.tokenizers,
    est_completion_tokens: expected.completion_tokens,
    max_completion_tokens: ceiling.completion_tokens,
    expected_output_tokens: output,
    est_cost_usd: expected.cost_usd,
    max_cost_usd: ceiling.cost_usd,
    unpriced: expected.unpriced,
    map_model: map,
    reduce_model: reduce,
    warnings,
  };
}
