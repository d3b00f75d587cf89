import type { Budgets } from './budgets.js';
import type { Report } from './build-report.js';
import type { LatencySummary } from './histogram.js';

/** One quantile of one event or hook over its budget in the checked window. */
export interface Breach {
  readonly target: string;
  readonly event: string;
  /** Set when the budget is a hook's; else the event's wall clock was checked. */
  readonly hook?: string;
  readonly quantile: 'p50' | 'p95';
  readonly actualMs: number;
  readonly budgetMs: number;
  readonly runs: number;
}

/**
 * Every breach: a target naming an event is checked against that event's wall clock per run; any
 * other target against every hook with that id (once per event it runs in).
 */
export function checkBudgets(report: Report, budgets: Budgets): Breach[] {
  const breaches: Breach[] = [];
  const compare = (target: string, event: string, hook: string | undefined, latency: LatencySummary, runs: number): void => {
    const budget = budgets[target]!;
    for (const quantile of ['p50', 'p95'] as const) {
      const limit = budget[quantile];
      if (limit !== undefined && runs > 0 && latency[quantile] > limit) {
        breaches.push({ target, event, ...(hook === undefined ? {} : { hook }), quantile, actualMs: latency[quantile], budgetMs: limit, runs });
      }
    }
  };
  for (const event of report.events) {
    if (budgets[event.event] !== undefined) compare(event.event, event.event, undefined, event.wall, event.runs);
    for (const hook of event.hooks) {
      if (budgets[hook.id] !== undefined && hook.id !== event.event) compare(hook.id, event.event, hook.id, hook.latency, hook.runs);
    }
  }
  return breaches;
}
