// The engine's contract: it talks to models only through an injected `ask`, so it can be driven by
// oracle's client, by llm-sim, or by a plain function in tests.
import type { RetryOptions } from '@fanout/parallel-core';

/** A message the engine writes; the persona's system prompt is added by whoever implements `ask`. */
export interface CouncilMessage {
  readonly role: 'user';
  readonly content: string;
}

/** Why a call is made: a persona's answer, a persona's peer review, or the arbiter's verdict. */
export type CallPurpose = 'answer' | 'review' | 'verdict';

export interface AskContext {
  /** Fires when the call must stop (speculative round discarded, timeout, caller's cancel). */
  readonly signal: AbortSignal;
  /** 1-based round the call belongs to (send it as `x-fanout-round`). */
  readonly round: number;
  readonly purpose: CallPurpose;
  /** The engine wants a JSON object back (`response_format: json_object` where supported). */
  readonly json: boolean;
}

export interface TokenUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  /** Prompt tokens the provider served from its prompt cache (part of `prompt_tokens`). */
  readonly cached_tokens?: number;
}

export interface AskResult {
  readonly content: string;
  readonly usage?: TokenUsage | undefined;
}

/** One attempt at one call (no retries inside: the engine's pool retries). Rejects on abort. */
export type AskFn = (persona: string, messages: readonly CouncilMessage[], context: AskContext) => Promise<AskResult>;

/** What the engine reports while it runs (for progress lines). */
export type CouncilEvent =
  | { readonly type: 'round-start'; readonly round: number; readonly speculative: boolean }
  | { readonly type: 'answers'; readonly round: number; readonly ok: number; readonly failed: number }
  | { readonly type: 'verdict'; readonly round: number; readonly converged: boolean; readonly parseError?: string | undefined }
  | { readonly type: 'cancelled'; readonly round: number; readonly calls: number };

export interface CouncilOptions {
  readonly question: string;
  /** Persona names, in the order they are reported. At least one, no duplicates. */
  readonly personas: readonly string[];
  /** @default 'arbiter' */
  readonly arbiter?: string | undefined;
  /** Round cap (an integer ≥ 1). @default 3 */
  readonly rounds?: number | undefined;
  /** Start round k+1 while the arbiter judges round k; abort it if round k converged. @default false */
  readonly speculative?: boolean | undefined;
  /** A peer-review pass per round: each persona ranks the others' answers before the arbiter. @default false */
  readonly review?: boolean | undefined;
  readonly ask: AskFn;
  /** Calls of one round at once. @default the number of personas */
  readonly concurrency?: number | undefined;
  /** Per-attempt limit in ms. */
  readonly timeoutMs?: number | undefined;
  /** parallel-core's retry policy (a number is the retry count). @default 2 */
  readonly retry?: number | RetryOptions | undefined;
  /** Cancels the whole council (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal | undefined;
  /** Seed of the order in which anonymised answers are shown. @default 0 */
  readonly seed?: number | undefined;
  readonly onEvent?: ((event: CouncilEvent) => void) | undefined;
  /**
   * Asked before starting each round from the second on (a speculative start included, then with
   * `verdictPending` true: the previous round's verdict is still being asked for). False stops the
   * council there, between rounds: the result is the last complete round's (`stopped_before_round`).
   * A budget lives here.
   */
  readonly beforeRound?: ((round: number, state: { readonly verdictPending: boolean }) => boolean) | undefined;
}

export interface CouncilAnswer {
  readonly persona: string;
  readonly content: string;
  /** Time from the first attempt to the answer (retries included), in ms. */
  readonly ms: number;
  readonly error?: string;
}

export interface CouncilReview {
  readonly persona: string;
  /** The other personas' names, best first, as this persona ranked their anonymised answers. */
  readonly ranking: readonly string[];
  readonly error?: string;
}

export interface CouncilVerdict {
  readonly converged: boolean;
  /** The arbiter's synthesis (its raw text when the verdict could not be parsed). */
  readonly synthesis: string;
  /** Why the arbiter's answer could not be read as a verdict (then `converged` is false). */
  readonly parse_error?: string;
  /** The arbiter's call failed (then `converged` is false and `synthesis` empty). */
  readonly error?: string;
}

export interface CouncilRound {
  readonly round: number;
  readonly answers: readonly CouncilAnswer[];
  readonly reviews?: readonly CouncilReview[];
  readonly verdict: CouncilVerdict;
}

/** The result, shaped as `council --json` prints it. */
export interface CouncilResult {
  readonly question: string;
  readonly rounds: readonly CouncilRound[];
  /** The converged synthesis, else the last round's. */
  readonly final: string;
  /** The round whose verdict converged, or null when the cap was reached. */
  readonly converged_at: number | null;
  readonly wall_ms: number;
  /** Attempts sent (retries and speculative calls included). */
  readonly calls: number;
  /** Speculative calls aborted in flight because the previous round converged. */
  readonly cancelled_calls: number;
  readonly usage: TokenUsage;
  /** `beforeRound` (a budget) stopped the council before this round; the verdict is the round before's. */
  readonly stopped_before_round?: number;
}
