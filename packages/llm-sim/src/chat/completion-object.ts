import { usageObject, type UsageObject } from '../cost/usage-object.js';
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
  usage: UsageObject;
  system_fingerprint: string;
}

/** OpenAI's `chat.completion` object for a successful decision (usage without cache hits or price unless given). */
export function completionObject(id: string, model: string, decision: Decision, usage?: UsageObject): ChatCompletion {
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
    usage: usage ?? usageObject(undefined, decision.promptTokens, 0, decision.completionTokens),
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}
