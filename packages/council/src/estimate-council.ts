// What a council will cost before it runs: every round's prompts built by the same functions the
// engine uses, with answers of the expected length standing in for the ones to come, priced (and
// prompt-cached) by oracle's estimator. Per round, so a budget can be checked between rounds.
import { CostEstimator, personaMessages, type EstimateTotals, type Persona, type PriceTable, type ResolvedPrice, type Spend } from '@fanout/oracle';
import { responseLabel } from './anonymise.js';
import { answerMessages, reviewMessages, verdictMessages } from './prompts.js';

export interface CouncilEstimateInput {
  readonly question: string;
  readonly personas: readonly Persona[];
  readonly arbiter: Persona;
  readonly rounds: number;
  readonly review: boolean;
  /** Extra system prompt after each persona's. */
  readonly system?: string | undefined;
  /** `--model`: every call's model; else each persona's, else `defaultModel`. */
  readonly model?: string | undefined;
  readonly defaultModel: string;
  /** Expected tokens of every answer, review and verdict. */
  readonly outputTokens: number;
  readonly table: PriceTable;
  readonly provider: string;
}

/** One round's calls: the members' answers (with their reviews, if any), then the arbiter's verdict. */
export interface RoundEstimate {
  readonly round: number;
  readonly answers: Spend;
  readonly verdict: Spend;
}

export interface CouncilEstimate {
  /** Every round up to the cap (a council that converges early costs less). */
  readonly rounds: readonly RoundEstimate[];
  readonly totals: EstimateTotals;
  /** The price of the members' model (the first member's). */
  readonly price: ResolvedPrice | undefined;
}

const peersOf = (count: number, text: string) => Array.from({ length: count }, (_, i) => ({ label: responseLabel(i), item: text }));

export function estimateCouncil(input: CouncilEstimateInput): CouncilEstimate {
  const estimator = new CostEstimator({ table: input.table, provider: input.provider });
  const modelOf = (persona: Persona) => input.model ?? persona.model ?? input.defaultModel;
  const ask = (persona: Persona, content: string) =>
    estimator.add(modelOf(persona), personaMessages(persona, [{ role: 'user', content }], { system: input.system }), input.outputTokens);
  // Tokens and dollars of what `calls` adds (dollars 0 when a price is unknown: --max-cost refuses those).
  const spend = (calls: () => void): Spend => {
    const before = estimator.totals();
    calls();
    const after = estimator.totals();
    const tokens = after.prompt_tokens + after.completion_tokens - before.prompt_tokens - before.completion_tokens;
    return { usd: (after.cost_usd ?? 0) - (before.cost_usd ?? 0), tokens };
  };
  // Answers not yet written, as long as expected in the tokens of the model that reads them.
  const answer = (reader: Persona) => estimator.filler(modelOf(reader), input.outputTokens);
  const { question, rounds, personas } = input;
  const others = personas.length - 1;
  const reviewing = input.review && personas.length >= 3;
  const estimates: RoundEstimate[] = [];
  for (let round = 1; round <= rounds; round++) {
    const answers = spend(() => {
      for (const persona of personas) {
        const previous = round === 1 ? undefined : answer(persona);
        const [message] = answerMessages({ question, round, rounds, previous, peers: round === 1 ? [] : peersOf(others, answer(persona)) });
        ask(persona, message!.content);
      }
      if (!reviewing) return;
      for (const persona of personas) ask(persona, reviewMessages({ question, round, peers: peersOf(others, answer(persona)) })[0]!.content);
    });
    const points = reviewing ? new Map(personas.map((_, i) => [responseLabel(i), 0])) : undefined;
    const verdict = spend(() =>
      ask(input.arbiter, verdictMessages({ question, round, rounds, answers: peersOf(personas.length, answer(input.arbiter)), points })[0]!.content),
    );
    estimates.push({ round, answers, verdict });
  }
  return { rounds: estimates, totals: estimator.totals(), price: estimator.price(modelOf(personas[0]!)) };
}
