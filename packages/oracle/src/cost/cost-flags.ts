// The cost flags the LLM CLIs share: --dry-run, --max-cost, --max-total-tokens, --expect-output-tokens
// and (where a run can stop part-way) --on-budget. Only types are imported: this is on `--help`'s path.
import type { Argv, Options } from 'yargs';
import { OracleError } from '../errors.js';
import type { BudgetLimits } from './budget.js';
import { DEFAULT_OUTPUT_TOKENS } from './tokens.js';

/** As yargs hands them over (camel-cased). */
export interface CostFlags {
  readonly dryRun?: boolean | undefined;
  readonly maxCost?: number | undefined;
  readonly maxTotalTokens?: number | undefined;
  readonly expectOutputTokens?: number | undefined;
  readonly onBudget?: string | undefined;
}

export type OnBudget = 'finish' | 'cancel';

export interface CostOptionsConfig {
  /** Also `--on-budget finish|cancel` (a run that stops part-way). @default false */
  readonly onBudget?: boolean | undefined;
  /** Leave `--dry-run` out (the CLI declares its own). @default false */
  readonly ownDryRun?: boolean | undefined;
  /** What a budget stop does in this CLI, said in the help of the limits. */
  readonly stopsHow?: string | undefined;
}

const GROUP = 'Cost:';

/** Adds the cost flags to `y`. */
export function costOptions<T>(y: Argv<T>, config: CostOptionsConfig = {}): Argv<T & CostFlags> {
  return y.options(costOptionSpecs(config)) as Argv<T & CostFlags>;
}

/** The cost flags as yargs option specs, for a CLI that adds them with `.options()` in its own place. */
export function costOptionSpecs(config: CostOptionsConfig = {}): Record<string, Options> {
  const how = config.stopsHow ? `; ${config.stopsHow}` : '';
  const flags: [string, Options][] = [
    ['max-cost', { type: 'number', group: GROUP, describe: `Spend at most this many US dollars (the price table's prices)${how}` }],
    ['max-total-tokens', { type: 'number', group: GROUP, describe: `Spend at most this many tokens, prompt and answer together${how}` }],
    [
      'expect-output-tokens',
      {
        type: 'number',
        group: GROUP,
        describe: `Expected answer length per call, for estimates and budgets [default: ${DEFAULT_OUTPUT_TOKENS}, or the answer limit when lower]`,
      },
    ],
  ];
  if (!config.ownDryRun)
    flags.unshift(['dry-run', { type: 'boolean', group: GROUP, describe: 'Print the estimate (calls, tokens, cost) and exit 0; nothing is sent' }]);
  if (config.onBudget) {
    flags.push([
      'on-budget',
      { choices: ['finish', 'cancel'], group: GROUP, describe: 'At the limit: let the calls in flight finish (kept), or cancel them [default: finish]' },
    ]);
  }
  return Object.fromEntries(flags);
}

function invalid(message: string): OracleError {
  // USAGE: a usage error (exit 2) in every fanout CLI.
  return new OracleError('USAGE', message);
}

/** Checks the cost flags; throws a USAGE error naming the flag. */
export function checkCostFlags(flags: CostFlags): void {
  const { maxCost, maxTotalTokens, expectOutputTokens } = flags;
  if (maxCost !== undefined && !(Number.isFinite(maxCost) && maxCost > 0)) throw invalid(`--max-cost must be a number of US dollars > 0, got ${maxCost}`);
  if (maxTotalTokens !== undefined && !(Number.isInteger(maxTotalTokens) && maxTotalTokens >= 1)) {
    throw invalid(`--max-total-tokens must be an integer ≥ 1, got ${maxTotalTokens}`);
  }
  if (expectOutputTokens !== undefined && !(Number.isInteger(expectOutputTokens) && expectOutputTokens >= 1)) {
    throw invalid(`--expect-output-tokens must be an integer ≥ 1, got ${expectOutputTokens}`);
  }
  if (flags.onBudget !== undefined && maxCost === undefined && maxTotalTokens === undefined)
    throw invalid('--on-budget needs --max-cost or --max-total-tokens');
}

/** The limits the flags set, or undefined without any. */
export function budgetLimits(flags: CostFlags): BudgetLimits | undefined {
  if (flags.maxCost === undefined && flags.maxTotalTokens === undefined) return undefined;
  return { maxCostUsd: flags.maxCost, maxTokens: flags.maxTotalTokens };
}

/** Expected answer tokens per call: the flag, else the default, never above the answer limit `cap`. */
export function expectedOutput(flags: CostFlags, cap?: number): number {
  const wanted = flags.expectOutputTokens ?? DEFAULT_OUTPUT_TOKENS;
  return cap === undefined ? wanted : Math.min(wanted, cap);
}

/** The words after "run again with" for a budget stop: the same flag, a higher limit. */
export function higherLimitHint(limits: BudgetLimits, crossed: 'max-cost' | 'max-total-tokens', needed?: number): string {
  if (crossed === 'max-cost') {
    const more = needed === undefined ? (limits.maxCostUsd ?? 0) * 2 : needed;
    return `--max-cost ${Number(more.toPrecision(2))}`;
  }
  const more = needed === undefined ? (limits.maxTokens ?? 0) * 2 : needed;
  return `--max-total-tokens ${Math.ceil(more)}`;
}
