// swarm's side of the budget: what one item's call is expected to cost. oracle's BudgetGate does
// the rest (reserve before a call starts, wait or stop at a limit, settle with what it cost).
import { BudgetGate, promptTokens, type BudgetLimits, type ChatMessage, type ChatRequest, type OnBudget, type Spend } from '@fanout/oracle';
import type { Usage } from '../result-record.js';
import type { WorkItem } from '../work-items.js';
import type { SwarmCost } from './swarm-cost.js';

export interface SwarmBudget {
  readonly limits: BudgetLimits;
  /** At the limit: let the calls in flight finish (their results are kept), or cancel them. @default 'finish' */
  readonly onBudget?: OnBudget;
  /** Expected answer tokens per call, until enough answers show the real length. */
  readonly expectedOutput: number;
}

// Answers seen before their mean length replaces the expected one.
const LEARN_AFTER = 5;

/**
 * The gate of one run: an item's expected cost is its prompt (counted once per distinct prompt) and
 * an answer of the expected length, or the mean length once answers are in. Cache hits are not
 * counted on, so the estimate errs high.
 */
export function swarmBudgetGate(budget: SwarmBudget, prior: Spend, build: (item: WorkItem) => ChatRequest, cost: SwarmCost | undefined) {
  const prompts = new WeakMap<readonly ChatMessage[], number>();
  let answers = 0;
  let completionTokens = 0;
  const estimate = (item: WorkItem): Spend => {
    const { messages } = build(item);
    let prompt = prompts.get(messages);
    if (prompt === undefined) {
      prompt = promptTokens(messages);
      prompts.set(messages, prompt);
    }
    const output = answers >= LEARN_AFTER ? Math.ceil(completionTokens / answers) : budget.expectedOutput;
    const usd = cost?.meter.cost(cost.model(item.persona), { prompt_tokens: prompt, completion_tokens: output }) ?? 0;
    return { usd, tokens: prompt + output };
  };
  const gate = new BudgetGate<WorkItem>(budget.limits, estimate, { prior, onBudget: budget.onBudget });
  return Object.assign(gate, {
    /** An item ended: what it cost settles its reservation, and its answer's length teaches the estimate. */
    done(item: WorkItem, usage: Usage | null | undefined, usd: number | undefined): void {
      if (usage) {
        answers++;
        completionTokens += usage.completion_tokens;
      }
      gate.settle(item, usage ? { usd: usd ?? 0, tokens: usage.prompt_tokens + usage.completion_tokens } : undefined);
    },
  });
}

export type SwarmBudgetGate = ReturnType<typeof swarmBudgetGate>;
