// A real (not mocked) `ask`: answers from a script after a real delay, honouring the abort signal,
// and records every call so tests can inspect prompts, rounds and concurrency.
import type { AskContext, AskFn, CouncilMessage } from '../types.js';

export interface RecordedCall {
  readonly persona: string;
  readonly messages: readonly CouncilMessage[];
  readonly context: AskContext;
  outcome?: 'ok' | 'error' | 'aborted';
}

export interface Script {
  /** The content, or an Error to throw. */
  answer(persona: string, round: number): string | Error;
  verdict(round: number): string | Error;
  review?(persona: string, round: number, labels: string[]): string;
  delayMs?(persona: string, round: number, purpose: AskContext['purpose']): number;
}

export interface ScriptedAsk {
  readonly ask: AskFn;
  readonly calls: RecordedCall[];
  peakInFlight: number;
}

export function scriptedAsk(script: Script): ScriptedAsk {
  const state: ScriptedAsk = { ask: undefined as unknown as AskFn, calls: [], peakInFlight: 0 };
  let inFlight = 0;
  const ask: AskFn = async (persona, messages, context) => {
    const call: RecordedCall = { persona, messages, context };
    state.calls.push(call);
    inFlight++;
    state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    try {
      const ms = script.delayMs?.(persona, context.round, context.purpose) ?? 5;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        context.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(context.signal.reason);
        }, { once: true });
      });
      const labels = [...(messages[0]?.content ?? '').matchAll(/### Response ([A-Z]+)/g)].map((m) => m[1]!);
      const content =
        context.purpose === 'verdict'
          ? script.verdict(context.round)
          : context.purpose === 'review'
            ? (script.review?.(persona, context.round, labels) ?? JSON.stringify({ ranking: labels }))
            : script.answer(persona, context.round);
      if (content instanceof Error) throw content;
      call.outcome = 'ok';
      return { content, usage: { prompt_tokens: 10, completion_tokens: 5 } };
    } catch (error) {
      call.outcome = context.signal.aborted ? 'aborted' : 'error';
      throw error;
    } finally {
      inFlight--;
    }
  };
  return Object.assign(state, { ask });
}

export const verdictJson = (converged: boolean, synthesis: string): string => JSON.stringify({ converged, synthesis });

/** The result without what depends on timing: wall_ms, per-answer ms and the cancelled/calls counts. */
export function withoutTimings(result: object): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value: unknown) =>
      key === 'ms' || key === 'wall_ms' || key === 'calls' || key === 'cancelled_calls' ? undefined : value,
    ),
  );
}
