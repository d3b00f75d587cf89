import { resolveProvider } from '@fanout/oracle';
import { openCache, pieceKey } from './cache.js';
import { packPieces } from './chunk/pack.js';
import { MAP_MAX_TOKENS, MAP_SYSTEM } from './map/map-prompt.js';
import { prepare } from './prepare.js';
import { costOf, priceOf } from './prices.js';
import { estimateTokens } from './tokens.js';
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
  /** Prompt tokens the readers would be sent, and an upper bound on what they would answer. */
  readonly est_prompt_tokens: number;
  readonly est_completion_tokens: number;
  /** Upper-bound estimate in US dollars (readers' answers at their limit); null when a price is unknown. */
  readonly est_cost_usd: number | null;
  readonly map_model: string | undefined;
  readonly reduce_model: string | undefined;
  readonly warnings: readonly string[];
}

/** The models a run would use, resolved without a network call (and without failing when no key is set). */
function models(input: OffloadOptions): { provider: string | undefined; map: string | undefined; reduce: string | undefined } {
  let provider: string | undefined = input.provider;
  let fallback: string | undefined;
  try {
    const resolved = resolveProvider({ provider: input.provider, baseURL: input.baseUrl, model: input.model });
    provider = resolved.name;
    fallback = resolved.model;
  } catch {
    fallback = input.model;
  }
  return { provider, map: input.mapModel ?? input.model ?? fallback, reduce: input.reduceModel ?? input.model ?? fallback };
}

/**
 * What `offload` would do, spending nothing: the files it would read (and skip, with the reason),
 * the chunks and calls, tokens and an estimated cost. Reads the cache to leave out what is in it.
 */
export async function planOffload(input: OffloadOptions): Promise<OffloadPlan> {
  const { options, corpus, pieces, tokensRead } = await prepare(input);
  const warnings: string[] = [];
  const { provider, map, reduce } = models(input);
  let todo = pieces;
  if (map !== undefined) {
    const cache = await openCache(options.cacheDir, options.question, map, (w) => warnings.push(w));
    todo = pieces.filter((p) => cache.get(pieceKey(p, options.question, map)) === undefined);
    await cache.close();
  }
  const chunks = packPieces(todo, options.chunkTokens);
  const perCall = estimateTokens(MAP_SYSTEM) + estimateTokens(options.question) + 10;
  const prompt = chunks.reduce((sum, c) => sum + c.tokens + perCall, 0);
  const completion = chunks.length * MAP_MAX_TOKENS + options.budget;
  const price = (model: string | undefined) => (provider === undefined || model === undefined ? undefined : priceOf(provider, model, input.price));
  const mapCost = costOf(price(map), prompt, chunks.length * MAP_MAX_TOKENS);
  const reduceCost = costOf(price(reduce), options.reduceInputTokens, options.budget);
  return {
    files: corpus.files.map((f) => ({ path: f.path, bytes: f.bytes, tokens: f.tokens })),
    skipped: corpus.skipped,
    chunks: chunks.length,
    cache_hits: pieces.length - todo.length,
    calls: chunks.length + 1,
    tokens_read: tokensRead,
    est_prompt_tokens: prompt,
    est_completion_tokens: completion,
    est_cost_usd: mapCost === undefined || reduceCost === undefined ? null : mapCost + reduceCost,
    map_model: map,
    reduce_model: reduce,
    warnings,
  };
}
