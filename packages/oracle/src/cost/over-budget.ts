// Whether a whole run's estimate fits the limits, for the runs that cannot stop part-way (oracle's
// personas, a Batch API submission) or that are refused before reading (offload).
import { OracleError } from '../errors.js';
import { crossedLimit, type BudgetLimits } from './budget.js';
import { higherLimitHint } from './cost-flags.js';
import { costText, formatUsd } from './format-cost.js';
import type { CostTotals } from './meter.js';

/** What an estimate says, as CostTotals fields. */
export type EstimateLike = Pick<CostTotals, 'cost_usd' | 'prompt_tokens' | 'completion_tokens' | 'unpriced'>;

export interface OverBudget {
  readonly crossed: 'max-cost' | 'max-total-tokens';
  /** e.g. `$0.0123 > --max-cost $0.0100` */
  readonly what: string;
  /** A limit the estimate fits in (a tenth above it), e.g. `--max-cost 0.014`. */
  readonly raise: string;
}

/**
 * Which limit the estimate crosses, said for a user, or undefined when it fits. A limit in dollars on
 * a model without a price cannot be kept: that is a usage error naming the model.
 */
export function overBudget(limits: BudgetLimits, estimate: EstimateLike): OverBudget | undefined {
  if (limits.maxCostUsd !== undefined && estimate.cost_usd === null) {
    throw new OracleError('USAGE', `--max-cost needs a price: ${costText(estimate)}`);
  }
  const usd = estimate.cost_usd ?? 0;
  const tokens = estimate.prompt_tokens + estimate.completion_tokens;
  const crossed = crossedLimit(limits, { usd, tokens });
  if (!crossed) return undefined;
  const dollars = crossed === 'max-cost';
  const what = dollars
    ? `${formatUsd(usd)} > --max-cost ${formatUsd(limits.maxCostUsd!)}`
    : `${tokens} tokens > --max-total-tokens ${limits.maxTokens}`;
  return { crossed, what, raise: higherLimitHint(limits, crossed, (dollars ? usd : tokens) * 1.1) };
}
