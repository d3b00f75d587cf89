import type { ChatCompletion } from '../chat/completion-object.js';
import type { SimState } from '../state.js';
import { processLine } from './process-line.js';

/** What the chat endpoint would answer to one batch line: a completion, or a status and message. */
export type ChatAnswer =
  | { readonly ok: true; readonly completion: ChatCompletion }
  | { readonly ok: false; readonly status: number; readonly message: string };

/**
 * Answers an OpenAI chat body exactly as an OpenAI batch line would be answered (same rules, answers,
 * usage and `batchFailureRate` faults, the fault decided by `customId`), so the Anthropic and Gemini
 * batch formats only translate to and from it.
 */
export function answerChat(sim: SimState, customId: string, body: unknown): ChatAnswer {
  const line = JSON.parse(processLine(sim, { customId, body }).json) as { response: { status_code: number; body: unknown } };
  const { status_code: status, body: answer } = line.response;
  if (status === 200) return { ok: true, completion: answer as ChatCompletion };
  const message = (answer as { error?: { message?: unknown } } | null)?.error?.message;
  return { ok: false, status, message: typeof message === 'string' ? message : `HTTP ${status}` };
}

/** A provider's request turned into an OpenAI chat body, or why it cannot be (an errored result). */
export type ParamsCheck = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly message: string };

export function paramsProblem(message: string): ParamsCheck {
  return { ok: false, message };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
