// What calls cost, from the usage the server reported and the price table.
import type { Usage } from '../types.js';
import type { PriceTable, ResolvedPrice } from './price-table.js';

/** How a call is served and billed: standard, through the Batch API, or on the flex tier. */
export type PriceTier = 'standard' | 'batch' | 'flex';

/**
 * US dollars for one call's usage at `price`: Batch API and flex calls at the provider's discount for
 * that tier, which applies to cached tokens too (`true` is the Batch API).
 */
export function usageCost(price: ResolvedPrice, usage: Usage, tier: PriceTier | boolean = 'standard'): number {
  const cached = usage.cached_tokens ?? 0;
  const written = usage.cache_write_tokens ?? 0;
  const fresh = Math.max(0, usage.prompt_tokens - cached - written);
  const full = fresh * price.input + cached * price.cached_input + written * price.cache_write + usage.completion_tokens * price.output;
  const discount = tier === true || tier === 'batch' ? price.batch_discount : tier === 'flex' ? price.flex_discount : 0;
  return (full / 1e6) * (1 - discount);
}

/** The totals a summary reports (`--json` field names). */
export interface CostTotals {
  readonly prompt_tokens: number;
  readonly cached_tokens: number;
  readonly completion_tokens: number;
  /** Cached prompt tokens over all prompt tokens (0 with no prompt tokens). */
  readonly cache_hit_share: number;
  /** US dollars; null when some model's price is unknown. */
  readonly cost_usd: number | null;
  /** `provider/model` of the models that have no price (why `cost_usd` is null). */
  readonly unpriced: readonly string[];
}

export interface MeterOptions {
  readonly table: PriceTable;
  /** The provider the calls went to (prices are per provider). */
  readonly provider: string;
  /** Every call through the provider's Batch API. @default false */
  readonly batch?: boolean | undefined;
  /** Every call on the provider's flex tier (billed at its flex discount; none where it has no flex tier). @default false */
  readonly flex?: boolean | undefined;
}

/** Rounds dollars to a nanodollar, so sums print without float noise. */
export const roundUsd = (usd: number): number => Math.round(usd * 1e9) / 1e9;

/** Adds calls up: tokens, cached tokens and dollars, per model as priced. */
export class CostMeter {
  readonly #options: MeterOptions;
  readonly #prices = new Map<string, ResolvedPrice | undefined>();
  readonly #unpriced = new Set<string>();
  promptTokens = 0;
  cachedTokens = 0;
  completionTokens = 0;
  usd = 0;

  constructor(options: MeterOptions) {
    this.#options = options;
  }

  /** The price of a model on this meter's provider (looked up once). */
  price(model: string): ResolvedPrice | undefined {
    if (!this.#prices.has(model)) this.#prices.set(model, this.#options.table.lookup(this.#options.provider, model));
    return this.#prices.get(model);
  }

  /** The cost of one call, or undefined when its model has no price and the server did not say. */
  cost(model: string, usage: Usage): number | undefined {
    const price = this.price(model);
    if (price) return usageCost(price, usage, this.#options.batch ? 'batch' : this.#options.flex ? 'flex' : 'standard');
    return usage.cost_usd;
  }

  /** Counts one call; returns its cost (undefined when unknown). */
  add(model: string, usage: Usage): number | undefined {
    this.promptTokens += usage.prompt_tokens;
    this.cachedTokens += usage.cached_tokens ?? 0;
    this.completionTokens += usage.completion_tokens;
    const cost = this.cost(model, usage);
    if (cost === undefined) {
      if (usage.prompt_tokens + usage.completion_tokens > 0) this.#unpriced.add(`${this.#options.provider}/${model}`);
    } else {
      this.usd += cost;
    }
    return cost;
  }

  /** Counts spending that happened before (a resumed run's earlier calls). */
  addPrior(tokens: { prompt: number; cached: number; completion: number }, usd: number | undefined, model: string): void {
    this.promptTokens += tokens.prompt;
    this.cachedTokens += tokens.cached;
    this.completionTokens += tokens.completion;
    if (usd === undefined) {
      if (tokens.prompt + tokens.completion > 0) this.#unpriced.add(`${this.#options.provider}/${model}`);
    } else {
      this.usd += usd;
    }
  }

  totals(): CostTotals {
    return {
      prompt_tokens: this.promptTokens,
      cached_tokens: this.cachedTokens,
      completion_tokens: this.completionTokens,
      cache_hit_share: this.promptTokens > 0 ? Math.round((this.cachedTokens / this.promptTokens) * 10_000) / 10_000 : 0,
      cost_usd: this.#unpriced.size > 0 ? null : roundUsd(this.usd),
      unpriced: [...this.#unpriced],
    };
  }
}
