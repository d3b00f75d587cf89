import { readBudgets } from '../budgets.js';
import { checkBudgets } from '../check-budgets.js';
import { formatBreach } from '../format-budgets.js';
import { loadReport } from '../load-report.js';
import { out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

/** Exit 1 when the window breaks a budget, one line per breach; 0 (and a summary line) when not. */
export async function checkCommand(args: CommonArgs): Promise<number> {
  const options = scanOptions({ ...args, since: args.since ?? '7d' });
  const budgets = readBudgets(options.dir);
  const report = await loadReport(options);
  const breaches = checkBudgets(report, budgets);
  const targets = Object.keys(budgets).length;
  if (args.json) outJson({ budgets: targets, runs: report.runs, breaches });
  else if (breaches.length > 0) out(breaches.map(formatBreach).join('\n'));
  else if (targets === 0) out('No budgets set: nothing to check. Set one with `hook-monitor budget set UserPromptSubmit --p95 1s`.');
  else out(`All ${targets} budget${targets === 1 ? '' : 's'} met over ${report.runs} runs.`);
  return breaches.length > 0 ? 1 : 0;
}
