// The Gemini API's shapes, to and from the OpenAI chat body the sim answers: a GenerateContentRequest
// in, a GenerateContentResponse (or a google.rpc.Status) out.
import type { ChatCompletion } from '../chat/completion-object.js';
import { Hash53 } from '../hash.js';
import { newId } from '../ids.js';
import { contentText } from '../chat/parse-request.js';
import { isObject, paramsProblem as problem, type ParamsCheck } from './chat-answer.js';

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  503: 'UNAVAILABLE',
};

/** A google.rpc.Status for an HTTP code. */
export function googleStatus(code: number, message: string) {
  return { code, message, status: STATUS[code] ?? (code >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT') };
}

/** Google's error response: {"error":{"code","message","status"}}. */
export function googleError(code: number, message: string) {
  return { error: googleStatus(code, message) };
}

/**
 * Checks one GenerateContentRequest (contents, systemInstruction, generationConfig) and turns it into
 * an OpenAI chat body for `model`. Without a generationConfig.seed the sim seeds the request from
 * `key` (its metadata key, else its position), so identical prompts are sampled apart.
 */
export function chatBodyFromRequest(request: unknown, model: string, key: string): ParamsCheck {
  if (!isObject(request)) return problem('* GenerateContentRequest: request is required');
  const { contents, systemInstruction, generationConfig } = request;
  if (!Array.isArray(contents) || contents.length === 0) return problem('* GenerateContentRequest.contents: contents is not specified');
  const messages: { role: string; content: string }[] = [];
  if (systemInstruction !== undefined) {
    if (!isObject(systemInstruction)) return problem('* GenerateContentRequest.system_instruction: must be a Content object');
    messages.push({ role: 'system', content: contentText(systemInstruction.parts) });
  }
  for (let i = 0; i < contents.length; i++) {
    const c = contents[i] as unknown;
    if (!isObject(c) || !Array.isArray(c.parts)) return problem(`* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty`);
    const role = c.role ?? 'user';
    if (role !== 'user' && role !== 'model') return problem(`* GenerateContentRequest.contents[${i}].role: Please use a valid role: user, model.`);
    messages.push({ role: role === 'model' ? 'assistant' : 'user', content: contentText(c.parts) });
  }
  const config = isObject(generationConfig) ? generationConfig : {};
  const body: Record<string, unknown> = { model, messages };
  if (config.temperature !== undefined) {
    if (!(typeof config.temperature === 'number' && config.temperature >= 0 && config.temperature <= 2)) {
      return problem('* GenerateContentRequest.generation_config.temperature: must be from 0 to 2');
    }
    body['temperature'] = config.temperature;
  }
  if (config.maxOutputTokens !== undefined) body['max_tokens'] = config.maxOutputTokens;
  body['seed'] = Number.isInteger(config.seed) ? config.seed : new Hash53().update(key).digest() % 2_147_483_647;
  return { ok: true, body };
}

/** A GenerateContentResponse for a completion. */
export function responseFromCompletion(completion: ChatCompletion) {
  const choice = completion.choices[0]!;
  const { prompt_tokens: prompt, completion_tokens: output, prompt_tokens_details: details } = completion.usage;
  return {
    candidates: [
      {
        content: { parts: [{ text: choice.message.content }], role: 'model' },
        finishReason: choice.finish_reason === 'length' ? 'MAX_TOKENS' : 'STOP',
        index: 0,
      },
    ],
    // As Gemini reports it: cached tokens inside the prompt's count, and named when there are any.
    usageMetadata: {
      promptTokenCount: prompt,
      ...(details.cached_tokens > 0 ? { cachedContentTokenCount: details.cached_tokens } : {}),
      candidatesTokenCount: output,
      totalTokenCount: prompt + output,
    },
    modelVersion: completion.model,
    responseId: newId('resp_'),
  };
}
