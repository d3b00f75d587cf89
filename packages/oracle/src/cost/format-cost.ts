// How dollars, cache shares and estimates read in the CLIs' text output.
import type { CostTotals } from './meter.js';
import type { EstimateTotals } from './estimate.js';
import type { ResolvedPrice } from './price-table.js';
import { formatCount as n } from '@fanout/cli-kit/format';


/** `$12.34`, `$0.0123`, `$0.000123`: enough digits to see a cheap call. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(3)}`;
}

/** The dollars, or that they are unknown (unless `short`, why, and where to add the price). */
export function costText(totals: Pick<CostTotals, 'cost_usd' | 'unpriced'>, short = false): string {
  if (totals.cost_usd !== null) return formatUsd(totals.cost_usd);
  if (short) return 'cost unknown';
  return `cost unknown (no price for ${totals.unpriced.join(', ')}: add it to .fanout/prices.json or ~/.config/fanout/prices.json)`;
}

/** `1,234 tokens in (800 cached, 64.8 %), 567 out, $0.0012`. */
export function usageLine(totals: CostTotals, short = false): string {
  const cached = totals.cached_tokens > 0 ? ` (${n(totals.cached_tokens)} cached, ${(totals.cache_hit_share * 100).toFixed(1)} %)` : '';
  return `${n(totals.prompt_tokens)} tokens in${cached}, ${n(totals.completion_tokens)} out, ${costText(totals, short)}`;
}

/** Where the price came from: `gpt-4o-mini $0.15/$0.075/$0.60 per M tokens (in/cached/out), prices of 2026-11-05`. */
export function priceNote(price: ResolvedPrice | undefined): string {
  if (!price) return 'no price';
  const rate = (usd: number) => `$${Number(usd.toFixed(2)) === usd ? usd.toFixed(2) : String(usd)}`;
  const rates = `${rate(price.input)}/${rate(price.cached_input)}/${rate(price.output)} per M tokens (in/cached/out)`;
  const from = price.source === 'builtin' ? `prices of ${price.date ?? 'unknown date'}` : `${price.source} prices.json`;
  return `${price.model} ${rates}, ${from}`;
}

/** How each model's prompt tokens were counted: `gpt-4o-mini o200k_base, claude-haiku-4-5 chars/4 approximation`. */
export function tokenizerNote(tokenizers: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tokenizers);
  return entries.length === 0 ? 'none counted' : entries.map(([model, method]) => `${model} ${method}`).join(', ');
}

/** The text of a `--dry-run`: calls, tokens, cost, how tokens were counted. */
export function estimateLines(totals: EstimateTotals, perCallOutput: number, price: ResolvedPrice | undefined): string[] {
  return [
    `${n(totals.calls)} call${totals.calls === 1 ? '' : 's'}, ${usageLine(totals)} (estimated)`,
    `answers at ${n(perCallOutput)} tokens each (--expect-output-tokens); prompt tokens: ${tokenizerNote(totals.tokenizers)}`,
    `price: ${priceNote(price)}`,
  ];
}

/** The `--json` shape of an estimate. */
export function estimateJson(totals: EstimateTotals, perCallOutput: number, price: ResolvedPrice | undefined): Record<string, unknown> {
  return {
    dry_run: true,
    calls: totals.calls,
    prompt_tokens: totals.prompt_tokens,
    cached_tokens: totals.cached_tokens,
    completion_tokens: totals.completion_tokens,
    cache_hit_share: totals.cache_hit_share,
    cost_usd: totals.cost_usd,
    ...(totals.unpriced.length > 0 ? { unpriced: totals.unpriced } : {}),
    expected_output_tokens: perCallOutput,
    // Per model: `o200k_base`, `cl100k_base` or `chars/4 approximation`.
    tokenizers: totals.tokenizers,
    price: price
      ? { model: price.model, input: price.input, cached_input: price.cached_input, output: price.output, source: price.source, date: price.date ?? null }
      : null,
  };
}
