// What `council` says about money: the estimate per round (`--dry-run`), the budget checked between
// rounds (a round starts only when its answers and verdict fit what is left), and what the calls cost.
import { formatCount } from '@fanout/cli-kit/format';
import {
  CostMeter,
  budgetLimits,
  costText,
  crossedLimit,
  estimateJson,
  estimateLines,
  formatUsd,
  higherLimitHint,
  type BudgetLimits,
  type CostFlags,
  type Spend,
} from '@fanout/oracle/cost';
import type { PriceTable } from '@fanout/oracle';
import { UsageError } from '@fanout/cli-kit/errors';
import type { CouncilEstimate } from '../estimate-council.js';
import type { AskFn } from '../types.js';

/** `--dry-run`'s text: each round, then the whole council at the round cap. */
export function estimateText(estimate: CouncilEstimate, output: number): string {
  const rounds = estimate.rounds.map(
    (r) => `  round ${r.round}: ${formatUsd(r.answers.usd + r.verdict.usd)}, ${formatCount(r.answers.tokens + r.verdict.tokens)} tokens`,
  );
  const lines = [`council --dry-run: up to ${estimate.rounds.length} round${estimate.rounds.length === 1 ? '' : 's'} (fewer when they converge)`, ...rounds];
  return [...lines, ...estimateLines(estimate.totals, output, estimate.price)].map((line) => `${line}\n`).join('');
}

export function estimateObject(estimate: CouncilEstimate, output: number): Record<string, unknown> {
  const rounds = estimate.rounds.map((r) => ({ round: r.round, cost_usd: r.answers.usd + r.verdict.usd, tokens: r.answers.tokens + r.verdict.tokens }));
  return { ...estimateJson(estimate.totals, output, estimate.price), rounds };
}

const add = (a: Spend, b: Spend): Spend => ({ usd: a.usd + b.usd, tokens: a.tokens + b.tokens });

/** The budget of one council: the meter of what was spent, and the check before each round. */
export class CouncilBudget {
  readonly meter: CostMeter;
  readonly limits: BudgetLimits | undefined;
  readonly #estimate: CouncilEstimate;
  /** The round a budget stopped before, with what it would have cost. */
  stop: { round: number; need: Spend; crossed: 'max-cost' | 'max-total-tokens' } | undefined;

  constructor(table: PriceTable, provider: string, estimate: CouncilEstimate, flags: CostFlags) {
    this.meter = new CostMeter({ table, provider });
    this.limits = budgetLimits(flags);
    this.#estimate = estimate;
    if (this.limits?.maxCostUsd !== undefined && estimate.totals.cost_usd === null)
      throw new UsageError(`--max-cost needs a price: ${costText(estimate.totals)}`);
  }

  /** Counts every call's usage at its model's price. */
  metered(ask: AskFn, modelOf: (persona: string) => string): AskFn {
    return async (persona, messages, context) => {
      const result = await ask(persona, messages, context);
      if (result.usage) this.meter.add(modelOf(persona), result.usage);
      return result;
    };
  }

  /** What round `round` is expected to cost (its answers and verdict), plus a verdict still pending. */
  #need(round: number, verdictPending: boolean): Spend {
    const estimate = this.#estimate.rounds[round - 1]!;
    const own = add(estimate.answers, estimate.verdict);
    return verdictPending && round > 1 ? add(own, this.#estimate.rounds[round - 2]!.verdict) : own;
  }

  /** The engine's `beforeRound`: true while the round fits what is left of every limit. */
  allows(round: number, verdictPending: boolean): boolean {
    if (!this.limits) return true;
    const need = this.#need(round, verdictPending);
    const spent = { usd: this.meter.usd, tokens: this.meter.promptTokens + this.meter.completionTokens };
    const crossed = crossedLimit(this.limits, add(spent, need));
    // A speculative start that does not fit is only put off until the verdict is in.
    if (crossed && !verdictPending) this.stop = { round, need: this.#need(round, false), crossed };
    return crossed === undefined;
  }

  /** The stderr line of a budget stop: where, why, and how to go further. */
  stopLine(completed: number): string {
    const { round, need, crossed } = this.stop!;
    const limits = this.limits!;
    const spent = this.meter.usd;
    const tokens = this.meter.promptTokens + this.meter.completionTokens;
    const dollars = crossed === 'max-cost';
    const limit = dollars ? `--max-cost ${formatUsd(limits.maxCostUsd!)}` : `--max-total-tokens ${limits.maxTokens}`;
    const cost = dollars
      ? `${formatUsd(spent)} spent, round ${round} would cost about ${formatUsd(need.usd)}`
      : `${tokens} tokens spent, round ${round} would take about ${need.tokens}`;
    const higher = higherLimitHint(limits, crossed, dollars ? spent + need.usd : tokens + need.tokens);
    if (completed === 0) return `council: not started: round 1 would cost about ` +
      `${crossed === 'max-cost' ? formatUsd(need.usd) : `${need.tokens} tokens`}, over ${limit}; nothing was spent. Raise it (e.g. ${higher})\n`;
    return `council: stopped before round ${round} by ${limit} (${cost}): the verdict is round ${completed}'s. Run again with a higher limit (e.g. ` +
      `${higher}) to deliberate further\n`;
  }
}
