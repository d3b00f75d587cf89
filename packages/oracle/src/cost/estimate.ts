// What a run will cost before it runs: the calls it will make, their prompts (counted with the model's
// tokenizer where its family has one), the answers (an expected length), the prompt cache (modelled
// per provider) and the price table.
import type { ChatMessage } from '../types.js';
import { CostMeter, type CostTotals, type MeterOptions } from './meter.js';
import { PrefixCacheModel } from './prefix-cache.js';
import type { ResolvedPrice } from './price-table.js';
import { tokenCounter, type TokenCounter } from './tokenizer.js';
import { textMessages } from './tokens.js';

export interface EstimateTotals extends CostTotals {
  readonly calls: number;
  /** Per model, how its prompt tokens were counted: `o200k_base`, `cl100k_base` or `chars/4 approximation`. */
  readonly tokenizers: Readonly<Record<string, string>>;
}

export class CostEstimator {
  readonly #options: MeterOptions;
  readonly #meter: CostMeter;
  readonly #caches = new Map<string, PrefixCacheModel | undefined>();
  readonly #counters = new Map<string, TokenCounter>();
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

  /** How `model`'s tokens are counted (its tokenizer is loaded on first use). */
  counter(model: string): TokenCounter {
    let counter = this.#counters.get(model);
    if (!counter) {
      counter = tokenCounter(model);
      this.#counters.set(model, counter);
    }
    return counter;
  }

  /** A text of `tokens` tokens for `model`: an answer not yet written, inside a later prompt. */
  filler(model: string, tokens: number): string {
    return this.counter(model).filler(tokens);
  }

  /** `count` calls of `messages` to `model`, each answering `outputTokens`. */
  add(model: string, messages: readonly ChatMessage[], outputTokens: number, count = 1): void {
    if (count <= 0) return;
    const counter = this.counter(model);
    const prompt = counter.prompt(textMessages(messages));
    const cache = this.#cache(model);
    // The first of identical calls may miss; the next ones find everything the first one left.
    const first = cache?.observe(model, messages, counter) ?? 0;
    const rest = count > 1 ? (cache?.observe(model, messages, counter) ?? 0) : 0;
    this.calls += count;
    this.#meter.add(model, { prompt_tokens: prompt * count, completion_tokens: outputTokens * count, cached_tokens: first + rest * (count - 1) });
  }

  /** The price used for `model`, for showing beside the estimate. */
  price(model: string): ResolvedPrice | undefined {
    return this.#meter.price(model);
  }

  totals(): EstimateTotals {
    const tokenizers = Object.fromEntries([...this.#counters].map(([model, counter]) => [model, counter.method]));
    return { calls: this.calls, ...this.#meter.totals(), tokenizers };
  }
}
