import { readBudgets, writeBudgets } from '../budgets.js';
import type { Budget } from '../budgets.js';
import { HookMonitorError } from '../errors.js';
import { formatBudget, formatBudgets } from '../format-budgets.js';
import { parseDuration } from '../parse-time.js';
import { defaultStoreDir } from '../store-dir.js';
import { out, outJson } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export interface BudgetArgs extends CommonArgs {
  readonly action?: string;
  readonly target?: string;
  readonly p50?: string;
  readonly p95?: string;
}

export async function budgetCommand(args: BudgetArgs): Promise<number> {
  const dir = args.dir ?? defaultStoreDir();
  const budgets = readBudgets(dir);
  const target = args.target;
  if (args.action === 'list') {
    if (args.json) outJson(budgets);
    else out(formatBudgets(budgets));
    return 0;
  }
  if (target === undefined || target === '') throw new HookMonitorError('USAGE', `budget ${args.action}: name an event or a hook id`);
  if (args.action === 'rm') {
    if (budgets[target] === undefined) throw new HookMonitorError('USAGE', `no budget for "${target}" in ${dir}`);
    delete budgets[target];
    writeBudgets(dir, budgets);
    if (!args.json) out(`Removed the budget for ${target}.`);
    else outJson(budgets);
    return 0;
  }
  if (args.p50 === undefined && args.p95 === undefined) throw new HookMonitorError('USAGE', 'budget set: give --p50 and/or --p95');
  const budget: Budget = {
    ...(args.p50 === undefined ? {} : { p50: parseDuration(args.p50, '--p50') }),
    ...(args.p95 === undefined ? {} : { p95: parseDuration(args.p95, '--p95') }),
  };
  budgets[target] = budget;
  writeBudgets(dir, budgets);
  if (args.json) outJson(budgets);
  else out(`Budget set: ${formatBudget(target, budget)}`);
  return 0;
}
