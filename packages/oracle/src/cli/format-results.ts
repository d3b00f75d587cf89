import type { ConsultReport, ConsultResult } from '../consult.js';
import { describeError } from './cli-errors.js';

/** The `--json` shape: `{"results":[{persona, model, content, ms, usage, error?}], "wall_ms"}`. ms are whole numbers. */
export function jsonReport(report: ConsultReport): string {
  const results = report.results.map((r) => ({
    persona: r.persona,
    model: r.model,
    content: r.content,
    ms: Math.round(r.ms),
    usage: { prompt_tokens: r.usage.prompt_tokens, completion_tokens: r.usage.completion_tokens },
    ...(r.error ? { error: describeError(r.error) } : {}),
  }));
  return `${JSON.stringify({ results, wall_ms: Math.round(report.wall_ms) }, null, 2)}\n`;
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
