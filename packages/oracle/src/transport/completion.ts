import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { readUsage } from '../cost/usage.js';
import { OracleError } from '../errors.js';
import type { Usage } from '../types.js';

/** Usage as the server reported it, cached prompt tokens included (see `readUsage`). */
export function usageOf(usage: ChatCompletion['usage'] | null | undefined): Usage {
  return readUsage(usage as Readonly<Record<string, unknown>> | null | undefined);
}

/** The parts of a completion that a ChatResult keeps; throws BAD_RESPONSE on a body that is not a completion. */
export function readCompletion(completion: ChatCompletion, url: string): { content: string; model: string; usage: Usage } {
  const choice = completion?.choices?.[0];
  if (!choice) throw new OracleError('BAD_RESPONSE', `${url}: the answer has no choices`);
  return { content: choice.message?.content ?? '', model: completion.model ?? '', usage: usageOf(completion.usage) };
}

/** What a streamed chunk adds: its text delta, and the usage/model it carries (usage comes in the last one). */
export function readChunk(chunk: ChatCompletionChunk): { delta: string; model: string | undefined; usage: Usage | undefined } {
  return {
    delta: chunk.choices?.[0]?.delta?.content ?? '',
    model: chunk.model || undefined,
    usage: chunk.usage ? usageOf(chunk.usage) : undefined,
  };
}
