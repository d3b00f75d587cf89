import type { Budget, Budgets } from './budgets.js';
import type { Breach } from './check-budgets.js';
import { formatMs } from './format-units.js';
import type { Regression } from './find-regressions.js';

export function formatBudget(target: string, budget: Budget): string {
  const parts = (['p50', 'p95'] as const).filter((q) => budget[q] !== undefined).map((q) => `${q} ≤ ${formatMs(budget[q]!)}`);
  return `${target}: ${parts.join(', ')}`;
}

export function formatBudgets(budgets: Budgets): string {
  const entries = Object.entries(budgets);
  return entries.length === 0
    ? 'No budgets set. Set one with `hook-monitor budget set UserPromptSubmit --p95 1s`.'
    : entries.map(([t, b]) => formatBudget(t, b)).join('\n');
}

/** One line per breach, e.g. `UserPromptSubmit › lint: p95 1.4 s over its 1 s budget (+40%, 120 runs)`. */
export function formatBreach(breach: Breach): string {
  const over = Math.round((breach.actualMs / breach.budgetMs - 1) * 100);
  const what = breach.hook === undefined ? `${breach.event} (wall per run)` : `${breach.event} › ${breach.hook}`;
  return `${what}: ${breach.quantile} ${formatMs(breach.actualMs)} over its ${formatMs(breach.budgetMs)} budget (+${over}%, ${breach.runs} runs)`;
}

/** The guard's one line about the worst regression (and how many others there are). */
export function formatRegression(worst: Regression, others: number): string {
  const times = Number.isFinite(worst.ratio) ? `${worst.ratio.toFixed(1)}×` : 'from 0';
  return (
    `hook-monitor: ${worst.event} hook "${worst.id}" got slower: p95 ${formatMs(worst.recentP95)} in the last day vs ` +
    `${formatMs(worst.baselineP95)} before (${times}, +${formatMs(worst.recentP95 - worst.baselineP95)})` +
    (others > 0 ? `; ${others} more regressed` : '') +
    ' — see `hook-monitor slow`.'
  );
}
