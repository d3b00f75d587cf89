// What `swarm` says about money: the estimate of a run (`--dry-run`), the budget (`--max-cost`,
// `--max-total-tokens`, `--on-budget`), the price of every answer, and how to go on after a stop.
import {
  CostEstimator,
  CostMeter,
  budgetLimits,
  costText,
  estimateJson,
  estimateLines,
  expectedOutput,
  loadPrices,
  overBudget,
  type EstimateTotals,
  type OnBudget,
  type Persona,
  type PriceTable,
  type ResolvedPrice,
} from '@fanout/oracle';
import { UsageError } from '../errors.js';
import type { SwarmBudget } from '../cost/budget-gate.js';
import type { SwarmCost } from '../cost/swarm-cost.js';
import { readLines } from '../line-reader.js';
import { createRequestBuilder } from '../request-builder.js';
import { parseRecord } from '../resume-reader.js';
import type { SwarmSummary } from '../summary.js';
import type { ItemSource } from '../work-items.js';
import type { RunArgs } from './run-args.js';

/** Where the work is priced: the provider (`endpoints` when several answer it: no single price) and models. */
export interface CostTarget {
  readonly provider: string;
  readonly model: string;
  readonly personas: ReadonlyMap<string, Persona>;
}

/** The tier the calls are billed at: the Batch API's discount, or the flex tier's (OpenAI: Batch API rates). */
const tier = (args: RunArgs) => ({ batch: args.batchApi === true, flex: args.flex === true });

export function swarmCost(args: RunArgs, target: CostTarget, table: PriceTable = loadPrices()): SwarmCost {
  const meter = new CostMeter({ table, provider: target.provider, ...tier(args) });
  return { meter, model: (persona) => args.model ?? (persona === null ? undefined : target.personas.get(persona)?.model) ?? target.model };
}

/** The budget the flags ask for; a limit in dollars needs a price for every model the work asks. */
export function swarmBudget(args: RunArgs, cost: SwarmCost, models: readonly string[]): SwarmBudget | undefined {
  const limits = budgetLimits(args);
  if (!limits) return undefined;
  if (limits.maxCostUsd !== undefined) {
    const unpriced = models.filter((model) => cost.meter.price(model) === undefined);
    if (unpriced.length > 0) throw new UsageError(`--max-cost needs a price: ` +
      `${costText({ cost_usd: null, unpriced: unpriced.map((m) => `${args.provider ?? 'openai'}/${m}`) })}`);
  }
  return { limits, onBudget: (args.onBudget ?? 'finish') as OnBudget, expectedOutput: expectedOutput(args, args.maxTokens) };
}

/** Ids a resumed run would skip, read without touching the file (a dry run writes nothing). */
function doneIds(args: RunArgs): Set<string> | undefined {
  if (!args.resume || args.out === undefined) return undefined;
  const ids = new Set<string>();
  try {
    for (const line of readLines(args.out)) {
      const record = line.terminated && !line.overlong ? parseRecord(line.text) : undefined;
      if (record && !(args.retryFailed && record.error !== undefined)) ids.add(record.id);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return ids;
}

export interface SwarmEstimate {
  readonly totals: EstimateTotals;
  readonly output: number;
  readonly price: ResolvedPrice | undefined;
}

/** Every call the run would make (ids already done left out), priced; one prompt asked N times is counted once. */
export function estimateSwarm(args: RunArgs, source: ItemSource, target: CostTarget, table: PriceTable = loadPrices()): SwarmEstimate {
  const estimator = new CostEstimator({ table, provider: target.provider, ...tier(args) });
  const build = createRequestBuilder({
    personas: target.personas,
    ...(args.system !== undefined ? { system: args.system } : {}),
    ...(args.model !== undefined ? { model: args.model } : {}),
  });
  const output = expectedOutput(args, args.maxTokens);
  let run: { model: string; messages: ReturnType<typeof build>['messages']; count: number } | undefined;
  const flush = () => run && estimator.add(run.model, run.messages, output, run.count);
  for (const item of source.items(doneIds(args))) {
    const request = build(item);
    const model = request.model ?? target.model;
    if (run && run.messages === request.messages && run.model === model) {
      run.count++;
      continue;
    }
    flush();
    run = { model, messages: request.messages, count: 1 };
  }
  flush();
  return { totals: estimator.totals(), output, price: estimator.price(args.model ?? target.model) };
}

export function estimateOutput(args: RunArgs, estimate: SwarmEstimate): string {
  if (args.json) {
    const json = { ...estimateJson(estimate.totals, estimate.output, estimate.price), batch_api: args.batchApi === true, flex: args.flex === true };
    return `${JSON.stringify(json)}\n`;
  }
  const how = args.batchApi ? ' through the Batch API' : args.flex ? ' on the flex tier' : '';
  return [`swarm --dry-run: ${estimate.totals.calls} calls${how}`, ...estimateLines(estimate.totals, estimate.output, estimate.price)]
    .map((l) => `${l}\n`)
    .join('');
}

/** The Batch API cannot stop half-way: a batch whose estimate crosses the budget is not submitted. */
export function batchRefusal(args: RunArgs, estimate: SwarmEstimate): string | undefined {
  const limits = budgetLimits(args);
  const over = limits && overBudget(limits, estimate.totals);
  if (!over) return undefined;
  return (
    `swarm: not submitted: the batch's estimate (${over.what}, answers at ${estimate.output} tokens each) is over the budget, ` +
    `and a batch cannot stop half-way; nothing was spent. Raise it (e.g. ${over.raise})\n`
  );
}

/** After a budget stop: what was kept, and the command line's change that finishes the work. */
export function budgetStopNote(summary: SwarmSummary, args: RunArgs): string {
  const budget = summary.budget!;
  const left = budget.not_started ?? 0;
  const spentOnOk = budget.stopped === 'max-cost' ? (summary.cost_usd ?? 0) : summary.tokens.prompt + summary.tokens.completion;
  const perItem = summary.ok > 0 ? spentOnOk / summary.ok : 0;
  const needed = budget.stopped === 'max-cost' ? budget.spent_usd + left * perItem : budget.spent_tokens + left * perItem;
  // A tenth more than the pace so far: the rest of the work may answer a little longer.
  const higher = budget.stopped === 'max-cost' ? `--max-cost ${Number((needed * 1.1).toPrecision(2))}` : `--max-total-tokens ${Math.ceil(needed * 1.1)}`;
  const kept = `${summary.ok + summary.failed} results written${summary.cancelled ? `, ${summary.cancelled} calls in flight cancelled` : ''}`;
  const resume = args.out === undefined ? 'run it again with a higher limit' : `finish it with --resume and a higher limit, e.g. ${higher}`;
  return `swarm: stopped by the budget: ${left} items not started (${kept}); ${resume}\n`;
}
