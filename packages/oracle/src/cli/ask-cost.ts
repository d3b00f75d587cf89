// What `oracle` says about money: the estimate of asking each persona once (`--dry-run`), the refusal
// when that estimate crosses `--max-cost`/`--max-total-tokens` (nothing is sent), and what the answers
// cost once they are in.
import type { ConsultResult } from '../consult.js';
import {
  CostEstimator,
  CostMeter,
  budgetLimits,
  estimateJson,
  estimateLines,
  expectedOutput,
  overBudget,
  usageLine,
  type CostFlags,
  type CostTotals,
  type EstimateTotals,
  type PriceTable,
} from '../cost/index.js';
import type { ChatMessage } from '../types.js';

/** One persona's request as it will be sent. */
export interface PlannedAsk {
  readonly persona: string;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
}

export interface AskEstimate {
  readonly totals: EstimateTotals;
  readonly output: number;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** Asking every planned request once, each answering the expected length. */
export function estimateAsk(table: PriceTable, provider: string, asks: readonly PlannedAsk[], flags: CostFlags): AskEstimate {
  const estimator = new CostEstimator({ table, provider });
  const output = expectedOutput(flags);
  for (const ask of asks) estimator.add(ask.model, ask.messages, output);
  const totals = estimator.totals();
  const price = estimator.price(asks[0]!.model);
  const personas = asks.map((a) => a.persona).join(', ');
  const text = [`oracle --dry-run: ${personas}`, ...estimateLines(totals, output, price)].map((line) => `${line}\n`).join('');
  return { totals, output, text, json: { ...estimateJson(totals, output, price), personas: asks.map((a) => a.persona) } };
}

/** Why the run must not start (its estimate crosses a limit), or undefined; a price is needed for --max-cost. */
export function budgetRefusal(flags: CostFlags, estimate: AskEstimate): string | undefined {
  const limits = budgetLimits(flags);
  const over = limits && overBudget(limits, estimate.totals);
  if (!over) return undefined;
  return (
    `oracle: not sent: the estimate (${over.what}, answers at ${estimate.output} tokens each) is over the budget; ` +
    `nothing was spent. Raise it (e.g. ${over.raise}) or ask fewer personas\n`
  );
}

/** What the answers cost: per result (null when unknown or failed) and in total. */
export function answersCost(table: PriceTable, provider: string, results: readonly ConsultResult[]): { each: (number | null)[]; totals: CostTotals } {
  const meter = new CostMeter({ table, provider });
  const each = results.map((result) => (result.error ? null : (meter.add(result.model, result.usage) ?? null)));
  return { each, totals: meter.totals() };
}

/** The stderr line after the answers: tokens, cache share, dollars. */
export function costLine(count: number, totals: CostTotals): string {
  return `oracle: ${count} answer${count === 1 ? '' : 's'}: ${usageLine(totals)}\n`;
}
