// The public contract of llm-sim (see /work/notes/contracts.md). oracle, council,
// swarm and bench code against these types.

/** Per-request latency in ms: fixed, uniform in [min, max], or normal (clamped at 0). */
export type LatencyOption = number | { readonly min: number; readonly max: number } | { readonly mean: number; readonly sd: number };

export interface SimOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Always loopback; any other value is rejected. @default '127.0.0.1' */
  readonly host?: '127.0.0.1';
  /** Time from a request's arrival to its answer, in ms (the simulator's own work included), drawn from a stream seeded by `seed`. @default 0 */
  readonly latencyMs?: LatencyOption;
  /** Fraction (0..1) of chat requests answered with 500, from a stream seeded by `seed`. @default 0 */
  readonly errorRate?: number;
  /**
   * offload's reader (map requests): share (0..1) of quotes replaced by text that is not in the chunk,
   * chosen by the request hash, so a verifier has something to catch. @default 0
   */
  readonly fabricateRate?: number;
  /** Requests per minute (token bucket holding a minute's worth); 0 = no limit. @default 0 */
  readonly rpm?: number;
  /** Tokens per minute (prompt + completion estimate); 0 = no limit. @default 0 */
  readonly tpm?: number;
  /** Seed of answers, latency and faults; answers are deterministic per (request, seed). @default 0 */
  readonly seed?: number;
  /** Scripted answers: inline rules or a path to a JSON rules file (first match wins). */
  readonly rules?: readonly SimRule[] | string;
  /** What GET /v1/models lists and chat requests may name. @default ['sim-1', 'sim-1-mini'] */
  readonly models?: readonly string[];
  /** Delay between SSE chunks, in ms; 0 writes the whole stream at once. @default 0 */
  readonly streamChunkMs?: number;
  /**
   * When set, requests to /v1/* need `Authorization: Bearer <apiKey>` (401 otherwise). In
   * `setOptions`, `apiKey: undefined` removes the key again (leaving it out keeps it).
   */
  readonly apiKey?: string | undefined;
  /** Batch API: time a batch spends in_progress, in ms. @default 1000 */
  readonly batchDelayMs?: number;
  /** Batch API: fraction (0..1) of lines answered with a 500 into the error file. @default 0 */
  readonly batchFailureRate?: number;
  /** Batch API: the completion window in ms; a batch still running then expires. @default 86_400_000 (24 h) */
  readonly batchExpireMs?: number;
  /** Batch API: most requests one input file may hold. @default 50_000 */
  readonly batchMaxRequests?: number;
  /**
   * Prices per model in US dollars per million tokens (the shape of fanout's prices.json entries): answers
   * to a priced model carry `usage.cost` (OpenRouter's field; Batch API lines at half price), and
   * `stats().usage.cost_usd` adds them up. @default none
   */
  readonly prices?: Readonly<Record<string, SimPrice>>;
  /**
   * The prefix cache behind `usage.prompt_tokens_details.cached_tokens`, like OpenAI's automatic prompt
   * caching; `false` turns it off. @default { minTokens: 1024, blockTokens: 128 }
   */
  readonly promptCache?: false | { readonly minTokens?: number; readonly blockTokens?: number };
  /**
   * Counts a model's tokens as its API bills them: prompt (chat framing included) and answer tokens,
   * the prompt cache's blocks and `max_tokens`, for the models it returns a tokenizer for; every other
   * model is counted at 4 characters per token. oracle's `tokenizerFor` is one (OpenAI's encodings for
   * OpenAI model names); llm-sim ships none of its own. @default none
   */
  readonly tokenizer?: ((model: string) => SimTokenizer | undefined) | undefined;
  /** OpenAI's flex tier: requests with `service_tier: "flex"` wait this many times the latency. @default 3 */
  readonly flexLatencyFactor?: number;
  /**
   * OpenAI's flex tier: share (0..1) of `service_tier: "flex"` requests answered 429 "Resource
   * Unavailable" (code `resource_unavailable`, no rate-limit headers), from a stream seeded by `seed`. @default 0.05
   */
  readonly flexUnavailableRate?: number;
}

/** One model family's tokenizer (see `SimOptions.tokenizer`). */
export interface SimTokenizer {
  /** The prompt's token ids, one per billed token, chat framing included. */
  promptIds(messages: readonly { readonly role: string; readonly content: string }[]): readonly number[];
  encode(text: string): readonly number[];
  decode(ids: readonly number[]): string;
}

/** US dollars per million tokens. */
export interface SimPrice {
  readonly input: number;
  /** Prompt tokens served from the prompt cache. @default `input` */
  readonly cached_input?: number;
  readonly output: number;
}

export interface SimServer {
  readonly port: number;
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  /** 'http://127.0.0.1:PORT/v1' (what an OpenAI client takes) */
  readonly baseURL: string;
  stats(): SimStats;
  resetStats(): void;
  /** Changes options while running (not `port`/`host`); validated like startSim's; throws SimError. */
  setOptions(patch: Partial<SimOptions>): void;
  /** Stops listening, drops open connections and pending batches. */
  close(): Promise<void>;
}

/** Counts of POST /v1/chat/completions requests (other routes are not counted). */
export interface SimStats {
  requests: number;
  /** Answered (any status). requests = completed + aborted + inFlight. */
  completed: number;
  inFlight: number;
  peakInFlight: number;
  /** Client closed the connection before the answer was sent. */
  aborted: number;
  /** Answers by status code, e.g. { "200": 95, "429": 3, "500": 2 }. */
  statuses: Record<string, number>;
  /** What the answers sent billed (chat answers and Batch API lines): tokens, cached tokens, dollars (with `prices`). */
  usage: { prompt_tokens: number; cached_tokens: number; completion_tokens: number; cost_usd: number };
}

/** `round` as a number (equal), or bounds (inclusive; both may be given). */
export type RoundMatch = number | { readonly gte?: number; readonly lte?: number };

export interface SimRuleMatch {
  /** Matches when the system prompt contains this name as a word (case-insensitive), or the `x-fanout-persona` header equals it. */
  readonly persona?: string;
  /** Regular expression tested on the system prompt ("/re/flags" form allowed). */
  readonly system?: string;
  /** Regular expression tested on the last user message ("/re/flags" form allowed). */
  readonly user?: string;
  /** The request's round: `x-fanout-round` header, else N of the first "Round N" in the last user message. */
  readonly round?: RoundMatch;
  /** Exact model name. */
  readonly model?: string;
}

export interface SimWeightedReply {
  readonly content: string;
  /** Relative weight (> 0). */
  readonly weight: number;
}

export interface SimRule {
  /** Every given field must match; an empty or absent match matches everything. */
  readonly match?: SimRuleMatch;
  /** The answer (an object or array is sent as its JSON text). With a non-2xx `status`, the error message. */
  readonly reply?: unknown;
  /** Answers picked by weight, deterministically from the request and seed. */
  readonly replies?: readonly SimWeightedReply[];
  /** HTTP status to answer with (e.g. 500, 429, 400); default 200. */
  readonly status?: number;
  /** Latency for matching requests, in ms, instead of `latencyMs`. */
  readonly latencyMs?: number;
  /** Extra response headers (e.g. `retry-after-ms` on a scripted 429). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The rule applies to its first `times` matching requests only (counted until rules are replaced). */
  readonly times?: number;
}
