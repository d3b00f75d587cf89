// Tokens as the simulator bills them: with the model's tokenizer when one was given (option
// `tokenizer`), else ceil(characters / 4), for usage, the tpm limit, `max_tokens` and the prompt cache.
import { contentText, type ChatRequest } from './chat/parse-request.js';
import type { SimTokenizer } from './types.js';

/** Token estimate used for usage and the tpm limit: ceil(chars / 4). */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

// A request's prompt ids, counted once: its usage and the prompt cache both read them.
const counted = new WeakMap<readonly unknown[], { tokenizer: SimTokenizer; ids: readonly number[] }>();

/** The request's prompt as `tokenizer` bills it, one id per token. */
export function promptIds(request: ChatRequest, tokenizer: SimTokenizer): readonly number[] {
  const seen = counted.get(request.messages);
  if (seen?.tokenizer === tokenizer) return seen.ids;
  const messages = request.messages.map((message) => {
    const m = message as { role?: unknown; content?: unknown };
    return { role: String(m.role), content: contentText(m.content) };
  });
  const ids = tokenizer.promptIds(messages);
  counted.set(request.messages, { tokenizer, ids });
  return ids;
}

/** An answer's tokens, the answer cut at `maxTokens` when longer (`cut`). */
export function answerTokens(
  content: string,
  maxTokens: number | undefined,
  tokenizer: SimTokenizer | undefined,
): { content: string; tokens: number; cut: boolean } {
  if (!tokenizer) {
    const cut = maxTokens !== undefined && content.length > maxTokens * 4;
    const text = cut ? content.slice(0, maxTokens * 4) : content;
    return { content: text, tokens: estimateTokens(text.length), cut };
  }
  const ids = tokenizer.encode(content);
  if (maxTokens === undefined || ids.length <= maxTokens) return { content, tokens: ids.length, cut: false };
  return { content: tokenizer.decode(ids.slice(0, maxTokens)), tokens: maxTokens, cut: true };
}
