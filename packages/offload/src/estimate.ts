// What a run will cost before it runs: every reader call with its real prompt (the chunk as the
// reader will see it), answers of the expected length, then the reduce calls over what they found.
// Priced, and prompt-cached, by oracle's estimator. The ceiling has every answer at its limit.
import { CostEstimator, type ChatMessage, type EstimateTotals, type PriceTable, type ResolvedPrice } from '@fanout/oracle';
import type { Chunk } from './chunk/pack.js';
import { MAP_MAX_TOKENS, mapMessages } from './map/map-prompt.js';
import { reduceSystem } from './reduce/reduce-prompt.js';
import { JSON_OVERHEAD_TOKENS } from './reduce/run-reduce.js';

export interface OffloadEstimateInput {
  readonly question: string;
  /** The chunks the readers would get (those the cache answers left out). */
  readonly chunks: readonly Chunk[];
  readonly mapModel: string;
  readonly reduceModel: string;
  /** Tokens the answer may take. */
  readonly budget: number;
  /** Most tokens of findings one reduce call takes. */
  readonly reduceInputTokens: number;
  /** Expected tokens of one reader's answer (its findings). */
  readonly outputTokens: number;
  readonly table: PriceTable;
  readonly provider: string;
}

export interface OffloadEstimate {
  /** Answers of the expected length. */
  readonly expected: EstimateTotals;
  /** Every answer at its limit (readers' 2048 tokens, the answer's budget). */
  readonly ceiling: EstimateTotals;
  readonly price: ResolvedPrice | undefined;
}

/** A reduce call's prompt over `findingTokens` of findings (call `group` apart: no two share them). */
function reduceMessages(estimator: CostEstimator, model: string, question: string, budget: number, findingTokens: number, group = 0): ChatMessage[] {
  const findings = `F${group}${estimator.filler(model, findingTokens)}`;
  return [
    { role: 'system', content: reduceSystem(budget) },
    { role: 'user', content: `Question: ${question}\n\nFindings (one JSON object per line):\n${findings}` },
  ];
}

function totals(input: OffloadEstimateInput, readerOutput: number, answer: number): { totals: EstimateTotals; price: ResolvedPrice | undefined } {
  const estimator = new CostEstimator({ table: input.table, provider: input.provider });
  for (const chunk of input.chunks) estimator.add(input.mapModel, mapMessages(input.question, chunk), readerOutput);
  if (input.chunks.length > 0) {
    // The reduce reads what the readers found, level by level while it does not fit one call.
    let findings = input.chunks.length * readerOutput;
    while (findings > input.reduceInputTokens) {
      const groups = Math.ceil(findings / input.reduceInputTokens);
      for (let g = 0; g < groups; g++) {
        estimator.add(input.reduceModel, reduceMessages(estimator, input.reduceModel, input.question, input.budget, input.reduceInputTokens, g), answer);
      }
      findings = groups * answer;
    }
    estimator.add(input.reduceModel, reduceMessages(estimator, input.reduceModel, input.question, input.budget, findings), answer);
  }
  return { totals: estimator.totals(), price: estimator.price(input.mapModel) };
}

export function estimateOffload(input: OffloadEstimateInput): OffloadEstimate {
  const expected = totals(input, input.outputTokens, Math.min(input.outputTokens, input.budget));
  const ceiling = totals(input, MAP_MAX_TOKENS, input.budget + JSON_OVERHEAD_TOKENS);
  return { expected: expected.totals, ceiling: ceiling.totals, price: expected.price };
}
