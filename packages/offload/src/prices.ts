// Rough list prices in US dollars per million tokens (input, output) of the providers' default and
// common cheap models, for `--dry-run` and the cost line. Prices change: `--price IN,OUT` overrides.
const PRICES: Readonly<Record<string, readonly [number, number]>> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1': [2, 8],
  'claude-haiku-4-5': [1, 5],
  'claude-sonnet-4-5': [3, 15],
  'gemini-2.5-flash': [0.3, 2.5],
  'gemini-2.5-flash-lite': [0.1, 0.4],
};

export interface Price {
  /** US dollars per million prompt tokens. */
  readonly input: number;
  /** US dollars per million completion tokens. */
  readonly output: number;
}

/** The price of `model` on `provider`: free for sim and ollama, the table's for known models, else undefined. */
export function priceOf(provider: string, model: string, override?: Price): Price | undefined {
  if (override) return override;
  if (provider === 'sim' || provider === 'ollama') return { input: 0, output: 0 };
  // OpenRouter names models `vendor/model`.
  const known = PRICES[model] ?? PRICES[model.slice(model.indexOf('/') + 1)];
  return known ? { input: known[0], output: known[1] } : undefined;
}

export function costOf(price: Price | undefined, promptTokens: number, completionTokens: number): number | undefined {
  if (price === undefined) return undefined;
  return (promptTokens * price.input + completionTokens * price.output) / 1e6;
}
