import type { ConsultReport, ConsultResult } from '../consult.js';
import type { CostTotals } from '../cost/index.js';
import { describeError } from './cli-errors.js';

/** What the answers cost (see ask-cost.ts): per result, null when unknown or failed, and in total. */
export interface ReportCost {
  readonly each: readonly (number | null)[];
  readonly totals: CostTotals;
}

/**
 * The `--json` shape: `{"results":[{persona, model, content, ms, usage, cost_usd, error?}], "wall_ms",
 * "usage", "cost_usd", "cache_hit_share"}`. ms are whole numbers; a cost is null when unknown.
 */
export function jsonReport(report: ConsultReport, cost?: ReportCost): string {
  const results = report.results.map((r, i) => ({
    persona: r.persona,
    model: r.model,
    content: r.content,
    ms: Math.round(r.ms),
    usage: { prompt_tokens: r.usage.prompt_tokens, completion_tokens: r.usage.completion_tokens, cached_tokens: r.usage.cached_tokens ?? 0 },
    ...(cost ? { cost_usd: cost.each[i] ?? null } : {}),
    ...(r.error ? { error: describeError(r.error) } : {}),
  }));
  const totals = cost && {
    usage: { prompt_tokens: cost.totals.prompt_tokens, completion_tokens: cost.totals.completion_tokens, cached_tokens: cost.totals.cached_tokens },
    cost_usd: cost.totals.cost_usd,
    cache_hit_share: cost.totals.cache_hit_share,
  };
  return `${JSON.stringify({ results, wall_ms: Math.round(report.wall_ms), ...totals }, null, 2)}\n`;
}

/** One text section: a heading with the persona, model and time, then the answer (or the error). */
export function textSection(result: ConsultResult, first: boolean): string {
  const ms = Math.round(result.ms);
  const gap = first ? '' : '\n';
  if (result.error) return `${gap}## ${result.persona} (failed after ${ms} ms)\n\nerror: ${describeError(result.error)}\n`;
  return `${gap}## ${result.persona} (${result.model}, ${ms} ms)\n\n${result.content.trim()}\n`;
}

/**
 * The stderr lines for failures: one per distinct message, naming the personas when several were
 * asked (a 401 for all three is said once).
 */
export function failureLines(results: readonly ConsultResult[]): string[] {
  const byMessage = new Map<string, string[]>();
  for (const result of results) {
    if (!result.error) continue;
    const message = describeError(result.error);
    byMessage.set(message, [...(byMessage.get(message) ?? []), result.persona]);
  }
  return [...byMessage].map(([message, personas]) =>
    results.length > 1 ? `oracle: ${message} (${personas.join(', ')})\n` : `oracle: ${message}\n`,
  );
}

/** Prints results in the order asked as soon as every earlier one is in. */
export function inOrder(count: number, print: (result: ConsultResult, index: number) => void): (result: ConsultResult, index: number) => void {
  const ready: (ConsultResult | undefined)[] = new Array(count);
  let next = 0;
  return (result, index) => {
    ready[index] = result;
    while (next < count && ready[next]) {
      print(ready[next]!, next);
      next++;
    }
  };
}
