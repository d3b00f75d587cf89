// The `usage` of an answer as OpenAI reports it (cached prompt tokens in `prompt_tokens_details`), plus
// OpenRouter's `cost` in US dollars when a price is set for the model. The Batch API bills half.
import type { SimPrice } from '../types.js';

export const BATCH_DISCOUNT = 0.5;

export interface UsageObject {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  cost?: number;
}

/** US dollars for these tokens at `price` (per million tokens; cached ones at `cached_input`, else at `input`). */
export function priceOf(price: SimPrice, prompt: number, cached: number, completion: number, batch: boolean): number {
  const usd = ((prompt - cached) * price.input + cached * (price.cached_input ?? price.input) + completion * price.output) / 1e6;
  return Math.round(usd * (batch ? 1 - BATCH_DISCOUNT : 1) * 1e12) / 1e12;
}

export function usageObject(price: SimPrice | undefined, prompt: number, cached: number, completion: number, batch = false): UsageObject {
  const usage: UsageObject = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached },
  };
  if (price) usage.cost = priceOf(price, prompt, cached, completion, batch);
  return usage;
}
