// Anthropic's Messages API shapes, to and from the OpenAI chat body the sim answers: a batch
// request's `params` in, a `message` (or an error response) out.
import type { ChatCompletion } from '../chat/completion-object.js';
import { Hash53 } from '../hash.js';
import { newId } from '../ids.js';
import { contentText } from '../chat/parse-request.js';
import { isObject, paramsProblem as problem, type ParamsCheck } from './chat-answer.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** Anthropic's error `type` for an HTTP status. */
export function anthropicErrorType(status: number): string {
  return ERROR_TYPES[status] ?? 'api_error';
}

/** Anthropic's error response: {"type":"error","error":{"type","message"}}. */
export function anthropicError(status: number, message: string) {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

/**
 * Checks a request's `params` the way the Messages API does (model, max_tokens, messages, system,
 * temperature 0..1) and turns them into an OpenAI chat body. The Messages API has no seed: the sim
 * seeds each request from its custom_id, so requests that differ only by id are sampled apart, as a
 * real model's would be.
 */
export function chatBodyFromParams(params: unknown, customId: string): ParamsCheck {
  if (!isObject(params)) return problem('params: Input should be an object');
  const { model, max_tokens: maxTokens, messages, system, temperature } = params;
  if (typeof model !== 'string' || model === '') return problem('model: Field required');
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1) return problem('max_tokens: Field required (an integer ≥ 1)');
  if (!Array.isArray(messages) || messages.length === 0) return problem('messages: at least one message is required');
  const chat: { role: string; content: string }[] = [];
  if (system !== undefined) {
    if (typeof system !== 'string' && !Array.isArray(system)) return problem('system: Input should be a string or a list of text blocks');
    chat.push({ role: 'system', content: contentText(system) });
  }
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant')) return problem(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    chat.push({ role: m.role as string, content: contentText(m.content) });
  }
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 1)) {
    return problem('temperature: Input should be less than or equal to 1');
  }
  const seed = new Hash53().update(customId).digest() % 2_147_483_647;
  const body: Record<string, unknown> = { model, messages: chat, max_tokens: maxTokens, seed };
  if (temperature !== undefined) body['temperature'] = temperature;
  return { ok: true, body };
}

/** The Messages API's `message` for a completion. */
export function messageFromCompletion(completion: ChatCompletion) {
  const choice = completion.choices[0]!;
  return {
    id: newId('msg_'),
    type: 'message',
    role: 'assistant',
    model: completion.model,
    content: [{ type: 'text', text: choice.message.content }],
    stop_reason: choice.finish_reason === 'length' ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    // As Anthropic reports it: cache reads beside the input tokens, not inside them.
    usage: {
      input_tokens: completion.usage.prompt_tokens - completion.usage.prompt_tokens_details.cached_tokens,
      cache_read_input_tokens: completion.usage.prompt_tokens_details.cached_tokens,
      output_tokens: completion.usage.completion_tokens,
    },
  };
}
