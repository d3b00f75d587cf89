import type { ChatRequest } from '../types.js';

/** The JSON body of `POST /chat/completions` for a request. */
export function chatBody(request: ChatRequest, defaultModel: string, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model || defaultModel, messages: request.messages };
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.seed !== undefined) body['seed'] = request.seed;
  if (request.maxTokens !== undefined) body['max_tokens'] = request.maxTokens;
  if (request.serviceTier !== undefined) body['service_tier'] = request.serviceTier;
  if (request.schema) {
    const { name, schema, strict } = request.schema;
    body['response_format'] = { type: 'json_schema', json_schema: { name, schema, strict: strict ?? true } };
  } else if (request.json) body['response_format'] = { type: 'json_object' };
  if (stream) {
    body['stream'] = true;
    body['stream_options'] = { include_usage: true };
  }
  return body;
}
