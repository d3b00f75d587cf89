import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { RateLimitHeaders } from './errors.js';
import type { ResolvedProvider } from './providers.js';

/** A chat message as the OpenAI API takes it (the SDK's own type). */
export type ChatMessage = ChatCompletionMessageParam;

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** @default the client's model */
  readonly model?: string | undefined;
  readonly temperature?: number | undefined;
  readonly seed?: number | undefined;
  /** Sent as `max_tokens`. */
  readonly maxTokens?: number | undefined;
  /** Ask for a JSON object (`response_format: {type: 'json_object'}`). */
  readonly json?: boolean | undefined;
  /** Ask for JSON matching this schema (`response_format: {type: 'json_schema', json_schema}`); wins over `json`. */
  readonly schema?: JsonSchemaFormat | undefined;
  /** Sent as `service_tier`, e.g. `flex` for OpenAI's flex processing (slower, cheaper, 429 "Resource Unavailable" when it has no room). */
  readonly serviceTier?: string | undefined;
  /** Extra request headers, e.g. `x-fanout-round` for llm-sim rules. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** A named JSON Schema for structured output, as OpenAI's `response_format.json_schema` takes it. */
export interface JsonSchemaFormat {
  readonly name: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** Servers that support it enforce the schema exactly. @default true */
  readonly strict?: boolean | undefined;
}

export interface Usage {
  /** Every prompt token, those read from or written to the provider's cache included. */
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  /** Prompt tokens read from the provider's prompt cache (billed at the cached price), when any. */
  readonly cached_tokens?: number;
  /** Prompt tokens written to the cache (Anthropic-style `cache_creation_input_tokens`), when reported. */
  readonly cache_write_tokens?: number;
  /** What the server says the call cost in US dollars (OpenRouter's `usage.cost`), when it says. */
  readonly cost_usd?: number;
}

export interface ChatResult {
  readonly content: string;
  /** The model that answered, as the server reports it. */
  readonly model: string;
  readonly usage: Usage;
  /** Wall time of this one attempt, request sent to body read, in ms. */
  readonly ms: number;
  /** Rate-limit headers of the answer (x-ratelimit-*, retry-after*), when the server sent any. */
  readonly headers?: RateLimitHeaders;
}

export interface CallOptions {
  /** Aborting destroys the request: the server sees the connection close. */
  readonly signal?: AbortSignal | undefined;
}

/** Text deltas of one streamed answer. Iterate it, then (or instead) call `result()`. */
export interface ChatStream extends AsyncIterable<string> {
  /** Reads whatever was not iterated yet and resolves with the whole answer (usage when the server sent it). */
  result(): Promise<ChatResult>;
}

export type TransportName = 'http' | 'sdk';

export interface OracleClient {
  /** Provider as resolved (for `sim`, `baseURL` is filled in once the in-process server runs). */
  readonly provider: ResolvedProvider;
  /** Default model of requests that name none. */
  readonly model: string;
  readonly transport: TransportName;
  /** Exactly one attempt: no retries inside. Errors are `OracleError`s; an abort rejects with `signal.reason`. */
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResult>;
  /** Resolves once the server accepted the request (2xx), so it can be retried like `chat`; then yields deltas. */
  stream(request: ChatRequest, options?: CallOptions): Promise<ChatStream>;
  /** Model ids from `GET /models`. */
  models(options?: CallOptions): Promise<string[]>;
  /** The base URL requests go to (starts the in-process sim for `sim`). */
  baseURL(): Promise<string>;
  /** Closes the connection pool (and the in-process sim). Idempotent. */
  close(): Promise<void>;
}
