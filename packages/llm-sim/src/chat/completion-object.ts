import type { Decision } from './decide.js';

export const SYSTEM_FINGERPRINT = 'fp_llm_sim';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop' | 'length';
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  system_fingerprint: string;
}

/** OpenAI's `chat.completion` object for a successful decision. */
export function completionObject(id: string, model: string, decision: Decision): ChatCompletion {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: decision.contents.map((content, index) => ({
      index,
      message: { role: 'assistant', content, refusal: null },
      logprobs: null,
      finish_reason: decision.finishReason,
    })),
    usage: {
      prompt_tokens: decision.promptTokens,
      completion_tokens: decision.completionTokens,
      total_tokens: decision.promptTokens + decision.completionTokens,
    },
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}
