// The panel of one council (its personas and the arbiter), as run-council.ts drives it: the calls it
// makes (counted, with token usage), one round of answers, and the judging of a round (optional peer
// review, then the arbiter's verdict).
import { labelAnonymously, scrubNames } from './anonymise.js';
import { errorText } from './errors.js';
import { fanOut } from './fan-out.js';
import { answerMessages, reviewMessages, verdictMessages } from './prompts.js';
import type { ResolvedCouncil } from './resolve-options.js';
import { bordaPoints, parseRanking } from './review.js';
import type { AskContext, AskResult, CouncilAnswer, CouncilMessage, CouncilReview, CouncilVerdict } from './types.js';
import { parseVerdict } from './verdict.js';

/** One round of answers under way. */
export interface AnswerRound {
  readonly round: number;
  /** One answer per persona, in persona order (failures and a discarded round included); rejects only when the council is cancelled. */
  readonly done: Promise<CouncilAnswer[]>;
  /** Aborts the round's calls; returns how many were in flight. */
  abort(reason: unknown): number;
}

export interface Judged {
  readonly verdict: CouncilVerdict;
  readonly reviews?: CouncilReview[];
}

const succeeded = (answer: CouncilAnswer): boolean => answer.error === undefined;

export class Panel {
  calls = 0;
  cancelledCalls = 0;
  promptTokens = 0;
  completionTokens = 0;
  cachedTokens = 0;
  private readonly names: readonly string[];

  constructor(readonly config: ResolvedCouncil) {
    this.names = [...config.personas, config.arbiter];
  }

  private async call(persona: string, messages: readonly CouncilMessage[], context: AskContext, flight?: { n: number }): Promise<AskResult> {
    this.calls++;
    if (flight) flight.n++;
    try {
      const result = await this.config.ask(persona, messages, context);
      this.promptTokens += result.usage?.prompt_tokens ?? 0;
      this.completionTokens += result.usage?.completion_tokens ?? 0;
      this.cachedTokens += result.usage?.cached_tokens ?? 0;
      return result;
    } finally {
      if (flight) flight.n--;
    }
  }

  /** Others' answers as `viewer` may see them: no own answer, shuffled by `key`, names scrubbed. */
  private anonymise(answers: readonly CouncilAnswer[], viewer: string | undefined, key: string) {
    const shown = answers.filter((answer) => succeeded(answer) && answer.persona !== viewer);
    return labelAnonymously(shown, `${this.config.seed}:${key}`).map(({ label, item }) => ({
      label,
      item: scrubNames(item.content, this.names),
      persona: item.persona,
    }));
  }

  /** The persona's own previous answer, scrubbed too: it may name the others. */
  private ownAnswer(previous: readonly CouncilAnswer[] | undefined, persona: string): string | undefined {
    const own = previous?.find((answer) => answer.persona === persona && succeeded(answer));
    return own && scrubNames(own.content, this.names);
  }

  /** Starts round `round`; `previous` are the answers of the round before (none for round 1). */
  startAnswers(round: number, previous: readonly CouncilAnswer[] | undefined): AnswerRound {
    const { question, rounds, personas } = this.config;
    const controller = new AbortController();
    const signal = AbortSignal.any([this.config.signal, controller.signal]);
    const flight = { n: 0 };
    const prompts = personas.map((persona) =>
      answerMessages({
        question,
        round,
        rounds,
        previous: this.ownAnswer(previous, persona),
        peers: previous ? this.anonymise(previous, persona, `answer:${round}:${persona}`) : [],
      }),
    );
    const done = fanOut(
      personas.map((persona, index) => ({ persona, messages: prompts[index]! })),
      ({ persona, messages }, task) =>
        this.call(persona, messages, { signal: task.signal, round, purpose: 'answer', json: false }, flight),
      this.policy(signal),
    ).then(
      (outcomes) =>
        outcomes.map((outcome, index): CouncilAnswer => {
          const persona = personas[index]!;
          return outcome.ok
            ? { persona, content: outcome.value.content, ms: outcome.ms }
            : { persona, content: '', ms: outcome.ms, error: errorText(outcome.error) };
        }),
      (error: unknown) => {
        // The pool rejects when its signal aborts. Our own abort (a discarded speculative round) is
        // expected: settle with every answer marked cancelled. The caller's cancel propagates.
        if (this.config.signal.aborted || !controller.signal.aborted) throw error;
        return personas.map((persona): CouncilAnswer => ({ persona, content: '', ms: 0, error: errorText(controller.signal.reason) }));
      },
    );
    return {
      round,
      done,
      abort: (reason) => {
        const inFlight = flight.n;
        controller.abort(reason);
        return inFlight;
      },
    };
  }

  private policy(signal: AbortSignal) {
    const { concurrency, timeoutMs, retry } = this.config;
    return { concurrency, timeoutMs, retry, signal };
  }

  /** Peer review, when asked for and at least three answers exist (so everyone ranks two or more). */
  private async review(round: number, answers: readonly CouncilAnswer[]): Promise<{ reviews: CouncilReview[]; points: Map<string, number> } | undefined> {
    const reviewers = answers.filter(succeeded);
    if (!this.config.review || reviewers.length < 3) return undefined;
    const sheets = reviewers.map((reviewer) => this.anonymise(reviewers, reviewer.persona, `review:${round}:${reviewer.persona}`));
    const outcomes = await fanOut(
      reviewers.map((reviewer, index) => ({ persona: reviewer.persona, sheet: sheets[index]! })),
      ({ persona, sheet }, task) =>
        this.call(persona, reviewMessages({ question: this.config.question, round, peers: sheet }), {
          signal: task.signal,
          round,
          purpose: 'review',
          json: true,
        }),
      this.policy(this.config.signal),
    );
    const reviews = outcomes.map((outcome, index): CouncilReview => {
      const persona = reviewers[index]!.persona;
      const sheet = sheets[index]!;
      try {
        if (!outcome.ok) throw outcome.error;
        const labels = parseRanking(outcome.value.content, sheet.map((entry) => entry.label));
        return { persona, ranking: labels.map((label) => sheet.find((entry) => entry.label === label)!.persona) };
      } catch (error) {
        return { persona, ranking: [], error: errorText(error) };
      }
    });
    return { reviews, points: bordaPoints(reviews.map((review) => review.ranking)) };
  }

  /** Reviews (if asked) and asks the arbiter for a verdict on `answers`. Never rejects unless the council is cancelled. */
  async judge(round: number, answers: readonly CouncilAnswer[]): Promise<Judged> {
    const { question, rounds, arbiter } = this.config;
    const reviewed = await this.review(round, answers);
    const shown = this.anonymise(answers, undefined, `verdict:${round}`);
    const points = reviewed && new Map(shown.map((entry) => [entry.label, reviewed.points.get(entry.persona) ?? 0]));
    const messages = verdictMessages({ question, round, rounds, answers: shown, points });
    const [outcome] = await fanOut(
      [arbiter],
      (name, task) => this.call(name, messages, { signal: task.signal, round, purpose: 'verdict', json: true }),
      this.policy(this.config.signal),
    );
    const verdict: CouncilVerdict =
      outcome?.ok
        ? parseVerdict(outcome.value.content)
        : { converged: false, synthesis: '', error: errorText(outcome?.error) };
    return reviewed ? { verdict, reviews: reviewed.reviews } : { verdict };
  }
}
