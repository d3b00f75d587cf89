import type { LatencyRecorder, RateLimitOptions, RateLimiterLike, RetryOptions } from '@fanout/parallel-core';
import { personaMessages, type Attachment } from './messages.js';
import { idleWatch } from './idle-timeout.js';
import { findPersonas } from './personas/load-personas.js';
import type { Persona } from './personas/persona.js';
import type { PersonaSearchOptions } from './personas/persona-dirs.js';
import { isRetryable } from './retryable.js';
import { OracleError } from './errors.js';
import type { ChatMessage, ChatRequest, ChatResult, OracleClient, Usage } from './types.js';

export interface ConsultOptions extends PersonaSearchOptions {
  /** The question, or a conversation (the persona's system prompt is put in front). */
  readonly prompt: string | readonly ChatMessage[];
  /** Names (looked up like `findPersonas`) or personas; asked all at once, reported in this order. */
  readonly personas: readonly (string | Persona)[];
  readonly client: OracleClient;
  /** Appended to every persona's system prompt. */
  readonly system?: string | undefined;
  readonly attachments?: readonly Attachment[] | undefined;
  /** Overrides every persona's model and the client's default. */
  readonly model?: string | undefined;
  readonly temperature?: number | undefined;
  readonly seed?: number | undefined;
  readonly maxTokens?: number | undefined;
  readonly json?: boolean | undefined;
  /** Extra headers on every request (e.g. `x-fanout-round`). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** @default all personas at once */
  readonly concurrency?: number | undefined;
  /** A number is `{retries: n}`; `shouldRetry` defaults to `isRetryable`. @default 3 retries */
  readonly retry?: number | RetryOptions | undefined;
  /** Per attempt, in ms. */
  readonly timeoutMs?: number | undefined;
  /**
   * Per attempt, in ms without anything arriving: a streamed answer may take longer in total while
   * it keeps coming (fails with code TASK_TIMEOUT, like `timeoutMs`).
   */
  readonly idleTimeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly rateLimit?: RateLimitOptions | RateLimiterLike | undefined;
  readonly stats?: LatencyRecorder | undefined;
  /**
   * Stream the answers: called with each text delta as it arrives. A persona whose stream breaks
   * after its first delta is not retried (its text was already shown); it fails with STREAM_INTERRUPTED.
   */
  readonly onDelta?: ((delta: string, index: number) => void) | undefined;
  /** Told about each persona as soon as it settles (completion order). */
  readonly onResult?: ((result: ConsultResult, index: number) => void) | undefined;
}

export interface ConsultResult {
  readonly persona: string;
  readonly model: string;
  /** Empty when the persona failed. */
  readonly content: string;
  /** From the first attempt to the last, retries and their waits included. */
  readonly ms: number;
  readonly usage: Usage;
  /** Why this persona failed (after retries); the others are unaffected. */
  readonly error?: Error;
}

export interface ConsultReport {
  /** One per persona, in the order asked. */
  readonly results: ConsultResult[];
  readonly wall_ms: number;
}

const NO_USAGE: Usage = { prompt_tokens: 0, completion_tokens: 0 };

function retryPolicy(retry: ConsultOptions['retry']): RetryOptions {
  if (retry === undefined) return { retries: 3, shouldRetry: isRetryable };
  if (typeof retry === 'number') return { retries: retry, shouldRetry: isRetryable };
  return retry.shouldRetry ? retry : { ...retry, shouldRetry: isRetryable };
}

async function streamed(client: OracleClient, request: ChatRequest, signal: AbortSignal, onDelta: (delta: string) => void): Promise<ChatResult> {
  const stream = await client.stream(request, { signal });
  let shown = false;
  try {
    for await (const delta of stream) {
      shown = true;
      onDelta(delta);
    }
    return await stream.result();
  } catch (error) {
    if (!shown) throw error;
    // Part of the answer is on screen: a retry would print it twice.
    const reason = error instanceof Error ? error.message : String(error);
    throw new OracleError('STREAM_INTERRUPTED', `the answer stopped part-way: ${reason}`, { cause: error });
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Asks one prompt of several personas at once (settle-all): every persona gets its own result or
 * error. Rejects only on an unknown/malformed persona or when `signal` aborts (parallel-core's
 * AbortError, code ABORTED); in-flight requests are closed either way.
 */
export async function consult(options: ConsultOptions): Promise<ConsultReport> {
  const start = performance.now();
  // Loaded here, not with the package: importing @fanout/oracle for its types or personas stays cheap.
  const { pmap } = await import('@fanout/parallel-core');
  const names = options.personas.filter((p): p is string => typeof p === 'string');
  const found = names.length > 0 ? await findPersonas(names, options) : [];
  let next = 0;
  const personas = options.personas.map((p) => (typeof p === 'string' ? found[next++]! : p));
  const { client } = options;
  const started: number[] = [];
  const finished: number[] = [];
  const results: ConsultResult[] = new Array(personas.length);

  const settle = (index: number, result: ConsultResult): void => {
    results[index] = result;
    options.onResult?.(result, index);
  };

  const settled = await pmap(
    personas,
    async (persona, { signal, index, attempt }) => {
      if (attempt === 1) started[index] = performance.now();
      const request: ChatRequest = {
        messages: personaMessages(persona, options.prompt, options),
        model: options.model ?? persona.model,
        temperature: options.temperature ?? persona.temperature,
        seed: options.seed,
        maxTokens: options.maxTokens,
        json: options.json,
        headers: { 'x-fanout-persona': persona.name, ...options.headers },
      };
      const watch = options.idleTimeoutMs === undefined ? undefined : idleWatch(signal, options.idleTimeoutMs);
      const attemptSignal = watch?.signal ?? signal;
      let answer: ChatResult;
      try {
        answer = options.onDelta
          ? await streamed(client, request, attemptSignal, (delta) => {
              watch?.touch();
              options.onDelta!(delta, index);
            })
          : await client.chat(request, { signal: attemptSignal });
      } finally {
        watch?.stop();
      }
      finished[index] = performance.now();
      settle(index, { persona: persona.name, model: answer.model, content: answer.content, ms: finished[index]! - started[index]!, usage: answer.usage });
      return answer;
    },
    {
      concurrency: options.concurrency ?? Math.max(1, personas.length),
      retry: retryPolicy(options.retry),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      rateLimit: options.rateLimit,
      stats: options.stats,
    },
  );

  settled.forEach((outcome, index) => {
    if (outcome.ok) return;
    const persona = personas[index]!;
    const ms = started[index] === undefined ? 0 : performance.now() - started[index]!;
    settle(index, {
      persona: persona.name,
      model: options.model ?? persona.model ?? client.model,
      content: '',
      ms,
      usage: NO_USAGE,
      error: asError(outcome.error),
    });
  });
  return { results, wall_ms: performance.now() - start };
}
