// What a run will cost before it runs: the calls it will make, their prompts (counted), the answers
// (an expected length), the prompt cache (modelled per provider) and the price table.
import type { ChatMessage } from '../types.js';
import { CostMeter, type CostTotals, type MeterOptions } from './meter.js';
import { PrefixCacheModel } from './prefix-cache.js';
import type { ResolvedPrice } from './price-table.js';
import { promptTokens } from './tokens.js';

export interface EstimateTotals extends CostTotals {
  readonly calls: number;
}

export class CostEstimator {
  readonly #options: MeterOptions;
  readonly #meter: CostMeter;
  readonly #caches = new Map<string, PrefixCacheModel | undefined>();
  calls = 0;

  constructor(options: MeterOptions) {
    this.#options = options;
    this.#meter = new CostMeter(options);
  }

  #cache(model: string): PrefixCacheModel | undefined {
    if (!this.#caches.has(model)) {
      const rule = this.#options.table.cacheRule(this.#options.provider, model);
      this.#caches.set(model, rule && new PrefixCacheModel(rule));
    }
    return this.#caches.get(model);
  }

  /** `count` calls of `messages` to `model`, each answering `outputTokens`. */
  add(model: string, messages: readonly ChatMessage[], outputTokens: number, count = 1): void {
    if (count <= 0) return;
    const prompt = promptTokens(messages);
    const cache = this.#cache(model);
    // The first of identical calls may miss; the next ones find everything the first one left.
    const first = cache?.observe(model, messages) ?? 0;
    const rest = count > 1 ? (cache?.observe(model, messages) ?? 0) : 0;
    this.calls += count;
    this.#meter.add(model, { prompt_tokens: prompt * count, completion_tokens: outputTokens * count, cached_tokens: first + rest * (count - 1) });
  }

  /** The price used for `model`, for showing beside the estimate. */
  price(model: string): ResolvedPrice | undefined {
    return this.#meter.price(model);
  }

  totals(): EstimateTotals {
    return { calls: this.calls, ...this.#meter.totals() };
  }
}
