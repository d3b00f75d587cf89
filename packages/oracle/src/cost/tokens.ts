// Token counts before a call. No tokenizer ships with fanout (none is a dependency), so prompts are
// counted as characters / 4, the rule of thumb OpenAI gives for English text and what llm-sim bills;
// on real models code and non-English text run higher. The answer's length is not knowable before:
// estimates take an expected length per call (`--expect-output-tokens`).
import type { ChatMessage } from '../types.js';

export const CHARS_PER_TOKEN = 4;

/** How prompt tokens are counted, as said in estimates. */
export const TOKENIZER = 'estimate: 4 characters per token (no tokenizer installed)';

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

/** Prompt tokens of a request's messages (all contents together). */
export function promptTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const message of messages) chars += contentText(message.content).length;
  return estimateTokens(chars);
}
