// The user messages the engine sends. Every one starts with the question, byte for byte the same in
// every call, so that a provider's prompt cache serves it (after the persona's system prompt) from the
// second call on: a long question or a document piped in is paid in full once per persona, not once
// per round. "Round k" follows (llm-sim reads it when no x-fanout-round header says the round). None
// names a persona: others' answers appear only as "Response A, B, …".
import type { Labelled } from './anonymise.js';
import type { CouncilMessage } from './types.js';

/** The shared start of every message: the question, then a blank line. */
function questionFirst(question: string): string {
  return `Question:\n${question}\n\n`;
}

function user(content: string): CouncilMessage[] {
  return [{ role: 'user', content }];
}

function responses(peers: readonly Labelled<string>[]): string {
  return peers.map((peer) => `### Response ${peer.label}\n${peer.item}`).join('\n\n');
}

export interface AnswerPromptInput {
  readonly question: string;
  readonly round: number;
  readonly rounds: number;
  /** This persona's own answer of the previous round, if it gave one. */
  readonly previous?: string | undefined;
  /** The other members' previous answers, anonymised. Empty in round 1. */
  readonly peers: readonly Labelled<string>[];
}

export function answerMessages(input: AnswerPromptInput): CouncilMessage[] {
  const head = `${questionFirst(input.question)}Round ${input.round} of ${input.rounds}.`;
  if (input.round === 1) return user(`${head}\n\nGive your answer.`);
  const own = input.previous === undefined ? '' : `\n\nYour answer in the previous round:\n${input.previous}`;
  const others =
    input.peers.length === 0
      ? '\n\nNo other member answered in the previous round.'
      : `\n\nThe other council members answered (anonymised):\n\n${responses(input.peers)}`;
  return user(
    `${head}${own}${others}\n\nConsider their reasoning, then give your full revised answer: keep what you still ` +
      'hold, correct what they showed to be wrong, and say where you still disagree.',
  );
}

export interface ReviewPromptInput {
  readonly question: string;
  readonly round: number;
  readonly peers: readonly Labelled<string>[];
}

export function reviewMessages(input: ReviewPromptInput): CouncilMessage[] {
  const labels = input.peers.map((peer) => `"${peer.label}"`).join(', ');
  return user(
    `${questionFirst(input.question)}Round ${input.round}: peer review.\n\nOther council members answered ` +
      `(anonymised):\n\n${responses(input.peers)}\n\nRank these responses from best to worst on correctness and ` +
      `usefulness. Reply with only a JSON object: {"ranking": [${labels}] in your order, "reason": "one sentence"}.`,
  );
}

export interface VerdictPromptInput {
  readonly question: string;
  readonly round: number;
  readonly rounds: number;
  readonly answers: readonly Labelled<string>[];
  /** Peer-review points per label (higher is better), when a review pass ran. */
  readonly points?: ReadonlyMap<string, number> | undefined;
}

export function verdictMessages(input: VerdictPromptInput): CouncilMessage[] {
  const review =
    input.points && input.points.size > 0
      ? `\n\nPeer review (points from the members' rankings, higher is better): ${[...input.points]
          .map(([label, points]) => `Response ${label}: ${points}`)
          .join(', ')}.`
      : '';
  const last = input.round >= input.rounds ? ' This is the last round: give your best synthesis either way.' : '';
  return user(
    `${questionFirst(input.question)}Round ${input.round} of ${input.rounds}: verdict.\n\nThe council's answers ` +
      `(anonymised):\n\n${responses(input.answers)}${review}\n\nDecide whether the answers have converged (they agree ` +
      `in substance) and write the synthesis: the single best answer to the question drawn from them.${last} Reply ` +
      'with only a JSON object: {"converged": true or false, "synthesis": "..."}.',
  );
}
