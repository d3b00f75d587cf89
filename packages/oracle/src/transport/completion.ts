import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { OracleError } from '../errors.js';
import type { Usage } from '../types.js';

const NO_USAGE: Usage = { prompt_tokens: 0, completion_tokens: 0 };

export function usageOf(usage: ChatCompletion['usage'] | null | undefined): Usage {
  return usage ? { prompt_tokens: usage.prompt_tokens ?? 0, completion_tokens: usage.completion_tokens ?? 0 } : NO_USAGE;
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
