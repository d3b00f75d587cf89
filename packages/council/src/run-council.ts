// The deliberation loop. Without speculation: answers k → verdict k → answers k+1 … With it, answers
// k+1 start the moment answers k are in, while the arbiter judges k; a converged verdict aborts them.
// Round k+1's prompts depend only on round k's answers, so speculation changes latency, never results.
import { AllPersonasFailedError, ArbiterFailedError, CouncilError } from './errors.js';
import { Panel, type AnswerRound } from './panel.js';
import { resolveOptions } from './resolve-options.js';
import type { CouncilOptions, CouncilResult, CouncilRound } from './types.js';

/** Why speculative calls were aborted (the reason their signal carries). */
export class SpeculationDiscarded extends CouncilError {
  constructor(round: number) {
    super('ABORTED', `round ${round} discarded: round ${round - 1} converged`);
    this.name = 'SpeculationDiscarded';
  }
}

function finalSynthesis(rounds: readonly CouncilRound[], arbiter: string): string {
  for (let i = rounds.length - 1; i >= 0; i--) {
    const synthesis = rounds[i]!.verdict.synthesis;
    if (synthesis.trim() !== '') return synthesis;
  }
  const failed = rounds.find((round) => round.verdict.error !== undefined)?.verdict.error;
  throw new ArbiterFailedError(arbiter, failed ?? 'every verdict was empty');
}

/** Runs a council to convergence or the round cap. Rejects only on invalid options, all personas failing, no synthesis at all, or cancellation. */
export async function runCouncil(options: CouncilOptions): Promise<CouncilResult> {
  const config = resolveOptions(options);
  const panel = new Panel(config);
  const started = performance.now();
  const rounds: CouncilRound[] = [];
  let convergedAt: number | null = null;
  let stoppedBefore: number | undefined;
  config.emit({ type: 'round-start', round: 1, speculative: false });
  let current: AnswerRound = panel.startAnswers(1, undefined);
  let speculative: AnswerRound | undefined;
  try {
    for (;;) {
      const round = current.round;
      const answers = await current.done;
      const failed = answers.filter((answer) => answer.error !== undefined);
      config.emit({ type: 'answers', round, ok: answers.length - failed.length, failed: failed.length });
      if (failed.length === answers.length) {
        throw new AllPersonasFailedError(round, failed.map((answer) => ({ persona: answer.persona, error: answer.error })));
      }
      const last = round >= config.rounds;
      // A speculative round a budget cannot afford beside the pending verdict waits for the verdict.
      if (!last && config.speculative && config.allows(round + 1, true)) {
        config.emit({ type: 'round-start', round: round + 1, speculative: true });
        speculative = panel.startAnswers(round + 1, answers);
      }
      const judged = await panel.judge(round, answers);
      const { verdict } = judged;
      config.emit({ type: 'verdict', round, converged: verdict.converged, parseError: verdict.parse_error });
      rounds.push({ round, answers, ...(judged.reviews ? { reviews: judged.reviews } : {}), verdict });
      if (verdict.converged) {
        convergedAt = round;
        break;
      }
      if (last) break;
      if (speculative) {
        current = speculative;
        speculative = undefined;
      } else {
        if (!config.allows(round + 1, false)) {
          stoppedBefore = round + 1;
          break;
        }
        config.emit({ type: 'round-start', round: round + 1, speculative: false });
        current = panel.startAnswers(round + 1, answers);
      }
    }
  } finally {
    // A speculative round still pending here is not needed: converged, or the council failed.
    if (speculative) {
      const cancelled = speculative.abort(new SpeculationDiscarded(speculative.round));
      panel.cancelledCalls += cancelled;
      await speculative.done.catch(() => undefined); // a cancelled council rejects it; the first error wins
      config.emit({ type: 'cancelled', round: speculative.round, calls: cancelled });
    }
  }
  return {
    question: config.question,
    rounds,
    final: finalSynthesis(rounds, config.arbiter),
    converged_at: convergedAt,
    wall_ms: Math.round(performance.now() - started),
    calls: panel.calls,
    cancelled_calls: panel.cancelledCalls,
    usage: { prompt_tokens: panel.promptTokens, completion_tokens: panel.completionTokens, cached_tokens: panel.cachedTokens },
    ...(stoppedBefore === undefined ? {} : { stopped_before_round: stoppedBefore }),
  };
}
