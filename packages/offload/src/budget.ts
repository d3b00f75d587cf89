// offload's spending limits: reader calls go through oracle's budget gate (each expected at its real
// prompt plus an answer of the expected length), and the reduce starts only when it fits what is left.
// A stop throws OffloadBudgetError; the readers' findings are cached, so the same command continues.
import { BudgetGate, costText, expectedOutput, promptTokens, type BudgetLimits, type CostMeter, type Spend, type Usage } from '@fanout/oracle';
import type { Chunk } from './chunk/pack.js';
import { OffloadBudgetError, OffloadError } from './errors.js';
import { MAP_MAX_TOKENS, mapMessages } from './map/map-prompt.js';
import { reduceMessages, type ReduceItem } from './reduce/reduce-prompt.js';

export interface OffloadBudget {
  /** For runMap: the gate the chunks pass, and what a call's usage cost. */
  readonly map: { readonly gate: BudgetGate<Chunk>; cost(usage: Usage): number };
  /** Throws OffloadBudgetError when the readers were stopped, or when the reduce would cross a limit. */
  check(readersStopped: boolean, chunksRead: number, items: readonly ReduceItem[]): void;
}

export interface OffloadBudgetInput {
  readonly limits: BudgetLimits;
  readonly meter: CostMeter;
  readonly question: string;
  readonly mapModel: string;
  readonly reduceModel: string;
  /** Tokens the answer may take. */
  readonly budget: number;
  readonly expectOutputTokens?: number | undefined;
}

export function offloadBudget(input: OffloadBudgetInput): OffloadBudget {
  const { limits, meter } = input;
  if (limits.maxCostUsd !== undefined) {
    const unpriced = [input.mapModel, input.reduceModel].filter((model) => meter.price(model) === undefined);
    if (unpriced.length > 0) {
      const why = costText({ cost_usd: null, unpriced: unpriced.map((model) => `the provider's ${model}`) });
      throw new OffloadError('USAGE', `--max-cost needs a price: ${why}`);
    }
  }
  const output = expectedOutput({ expectOutputTokens: input.expectOutputTokens }, MAP_MAX_TOKENS);
  const spend = (model: string, prompt: number, completion: number): Spend => ({
    usd: meter.cost(model, { prompt_tokens: prompt, completion_tokens: completion }) ?? 0,
    tokens: prompt + completion,
  });
  const gate = new BudgetGate<Chunk>(limits, (chunk) => spend(input.mapModel, promptTokens(mapMessages(input.question, chunk)), output));
  const spent = () => ({ usd: gate.guard.spentUsd, tokens: gate.guard.spentTokens });
  return {
    map: { gate, cost: (usage) => meter.cost(input.mapModel, usage) ?? 0 },
    check(readersStopped, chunksRead, items) {
      if (readersStopped) throw new OffloadBudgetError(gate.guard.stopped!, spent(), chunksRead, true);
      if (items.length === 0) return;
      const answer = Math.min(output, input.budget);
      const crossed = gate.guard.check(spend(input.reduceModel, promptTokens(reduceMessages(input.question, items, input.budget)), answer));
      if (crossed) throw new OffloadBudgetError(crossed, spent(), chunksRead, false);
    },
  };
}
