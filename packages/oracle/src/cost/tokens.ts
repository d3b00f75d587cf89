// Token counts at 4 characters per token, where a quick count will do: a budget's guard before each of
// thousands of calls (estimates count with the model's tokenizer where it has one: ./tokenizer.ts).
// The answer's length is not knowable before: estimates take an expected length per call
// (`--expect-output-tokens`).
import type { ChatMessage } from '../types.js';

export const CHARS_PER_TOKEN = 4;

/** Expected answer length per call when nothing better is known. */
export const DEFAULT_OUTPUT_TOKENS = 300;

/** ceil(characters / 4). */
export function estimateTokens(text: string | number): number {
  return Math.ceil((typeof text === 'number' ? text : text.length) / CHARS_PER_TOKEN);
}

/** The text of a message's content: a string, or the text parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    const value = (part as { text?: unknown } | null)?.text;
    if (typeof value === 'string') text += text ? `\n${value}` : value;
  }
  return text;
}

/** Messages as tokenizers count them: role and content text. */
export function textMessages(messages: readonly ChatMessage[]): { role: string; content: string }[] {
  return messages.map((message) => ({ role: message.role, content: contentText(message.content) }));
}

/** Prompt tokens of a request's messages (all contents together), at 4 characters per token. */
export function promptTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const message of messages) chars += contentText(message.content).length;
  return estimateTokens(chars);
}
