// The readable record of a council (`--transcript FILE.md`): every round's answers, reviews and
// verdict in persona order, then the final synthesis and what it cost.
import type { CouncilResult, CouncilRound } from './types.js';

export interface TranscriptMeta {
  readonly arbiter: string;
  readonly rounds: number;
  readonly speculative: boolean;
  /** What the calls cost, as the CLI says it (tokens, cache share, dollars). */
  readonly cost?: string | undefined;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function renderRound(round: CouncilRound, arbiter: string): string[] {
  const out = [`## Round ${round.round}`, ''];
  for (const answer of round.answers) {
    if (answer.error !== undefined) {
      out.push(`### ${answer.persona} — failed (${answer.ms} ms)`, '', quote(`error: ${answer.error}`), '');
    } else {
      out.push(`### ${answer.persona} (${answer.ms} ms)`, '', answer.content.trim(), '');
    }
  }
  if (round.reviews) {
    out.push('### Peer review', '');
    for (const review of round.reviews) {
      out.push(review.error !== undefined ? `- ${review.persona}: failed — ${review.error}` : `- ${review.persona} ranked: ${review.ranking.join(' > ')}`);
    }
    out.push('');
  }
  const { verdict } = round;
  out.push(`### Verdict of ${arbiter}: ${verdict.converged ? 'converged' : 'not converged'}`, '');
  if (verdict.error !== undefined) out.push(quote(`error: ${verdict.error}`), '');
  if (verdict.parse_error !== undefined) out.push(quote(`could not read the verdict: ${verdict.parse_error}`), '');
  if (verdict.synthesis.trim() !== '') out.push(verdict.synthesis.trim(), '');
  return out;
}

export function renderTranscript(result: CouncilResult, meta: TranscriptMeta): string {
  const personas = result.rounds[0]?.answers.map((answer) => answer.persona) ?? [];
  const unconverged =
    result.stopped_before_round === undefined
      ? `no convergence in ${result.rounds.length} rounds`
      : `stopped by the budget before round ${result.stopped_before_round}`;
  const outcome = result.converged_at === null ? unconverged : `converged at round ${result.converged_at}`;
  const lines = [
    '# Council',
    '',
    quote(result.question.trim()),
    '',
    `Personas: ${personas.join(', ')} · arbiter: ${meta.arbiter} · up to ${meta.rounds} rounds${meta.speculative ? ' · speculative' : ''} · ${outcome}`,
    '',
    ...result.rounds.flatMap((round) => renderRound(round, meta.arbiter)),
    '## Final synthesis',
    '',
    result.final.trim(),
    '',
    '---',
    '',
    `${(result.wall_ms / 1000).toFixed(2)} s · ${result.calls} calls (${result.cancelled_calls} cancelled) · ` +
      (meta.cost ?? `${result.usage.prompt_tokens} prompt + ${result.usage.completion_tokens} completion tokens`),
    '',
  ];
  return lines.join('\n');
}
