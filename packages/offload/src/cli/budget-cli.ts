// What `offload` says at a spending limit: a run whose estimate crosses it is not started; a run
// stopped part-way says what it spent and that the same command, with a higher limit, continues.
import { budgetLimits, formatUsd, higherLimitHint, overBudget, type CostFlags } from '@fanout/oracle';
import type { OffloadBudgetError } from '../errors.js';
import type { OffloadPlan } from '../plan.js';

/** Why the run must not start (the plan's estimate crosses a limit), or undefined. */
export function planRefusal(flags: CostFlags, plan: OffloadPlan): string | undefined {
  const limits = budgetLimits(flags);
  const { est_cost_usd: cost_usd, est_prompt_tokens: prompt_tokens, est_completion_tokens: completion_tokens, unpriced } = plan;
  const over = limits && overBudget(limits, { cost_usd, prompt_tokens, completion_tokens, unpriced });
  if (!over) return undefined;
  return (
    `offload: not started: the estimate (${over.what}, ${plan.calls} calls) is over the budget; nothing was spent. ` +
    `Raise it (e.g. ${over.raise}) or read less\n`
  );
}

/** The stderr line of a run a limit stopped. */
export function budgetStopLine(error: OffloadBudgetError, flags: CostFlags): string {
  const spent = error.limit === 'max-cost' ? formatUsd(error.spent.usd) : `${error.spent.tokens} tokens`;
  const limits = budgetLimits(flags) ?? {};
  const higher = higherLimitHint(limits, error.limit);
  return `offload: ${error.message}, ${spent} spent; what was read is cached: run the same command with a higher limit (e.g. ${higher}) to continue\n`;
}
