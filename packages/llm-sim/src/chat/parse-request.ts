import { Hash53 } from '../hash.js';

/** A chat completion request reduced to what the simulator needs. */
export interface ChatRequest {
  readonly model: string;
  /** System and developer messages, joined by newlines. */
  readonly system: string;
  /** The last user message's text. */
  readonly user: string;
  /** Characters of all message contents (for usage). */
  readonly promptChars: number;
  /** Hash of (server seed, model, temperature, request seed, messages). */
  readonly hash: number;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  /** response_format json_object or json_schema. */
  readonly jsonMode: boolean;
  /** response_format.json_schema.name, when a schema was asked for. */
  readonly schemaName: string | undefined;
  readonly maxTokens: number | undefined;
  readonly n: number;
  /** The request's messages as sent (the prompt cache reads them again only for long prompts). */
  readonly messages: readonly unknown[];
}

/** A 400 in OpenAI's terms. */
export interface RequestProblem {
  readonly message: string;
  readonly param: string | null;
  readonly code: string | null;
}

/** The text of a message's content: a string, its text parts joined by newlines, or its JSON. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    let text = '';
    for (const part of content) {
      const value = (part as { text?: unknown } | null)?.text;
      if (typeof value === 'string') text += text ? `\n${value}` : value;
    }
    return text;
  }
  return JSON.stringify(content);
}

function problem(message: string, param: string | null, code: string | null): RequestProblem {
  return { message, param, code };
}

function positiveInt(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

/** Validates and digests a parsed JSON body; `seed` is the server's seed. */
export function parseChatRequest(body: unknown, seed: number): ChatRequest | RequestProblem {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return problem('The request body must be a JSON object.', null, 'invalid_type');
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') return problem('You must provide a model parameter.', 'model', null);
  const messages = b.messages;
  if (messages === undefined) return problem("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages)) return problem("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (messages.length === 0) return problem("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'messages', 'empty_array');
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null && !positiveInt(maxTokens)) {
    return problem("Invalid 'max_tokens': expected an integer ≥ 1.", 'max_tokens', 'invalid_value');
  }
  const n = b.n ?? 1;
  if (!positiveInt(n) || (n as number) > 128) return problem("Invalid 'n': expected an integer from 1 to 128.", 'n', 'invalid_value');

  const hash = new Hash53().update(String(seed)).update(b.model).update(String(b.temperature ?? '')).update(String(b.seed ?? ''));
  let system = '';
  let user = '';
  let promptChars = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string') {
      return problem(`Missing required parameter: 'messages[${i}].role'.`, `messages[${i}].role`, 'missing_required_parameter');
    }
    const text = contentText(m.content);
    promptChars += text.length;
    hash.update(m.role).update(text);
    if (m.role === 'system' || m.role === 'developer') system = system ? `${system}\n${text}` : text;
    else if (m.role === 'user') user = text;
  }
  const responseFormat = b.response_format as { type?: unknown; json_schema?: { name?: unknown } } | null | undefined;
  const format = responseFormat?.type;
  const schemaName = format === 'json_schema' ? responseFormat?.json_schema?.name : undefined;
  return {
    model: b.model,
    system,
    user,
    promptChars,
    hash: hash.digest(),
    stream: b.stream === true,
    includeUsage: (b.stream_options as { include_usage?: unknown } | null | undefined)?.include_usage === true,
    jsonMode: format === 'json_object' || format === 'json_schema',
    schemaName: typeof schemaName === 'string' ? schemaName : undefined,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
    n: n as number,
    messages,
  };
}

export function isProblem(value: ChatRequest | RequestProblem): value is RequestProblem {
  return 'message' in value;
}
