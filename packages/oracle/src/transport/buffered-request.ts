import type { Dispatcher } from 'undici';
import { pickRawRateLimitHeaders } from '@fanout/parallel-core/http';
import type { RateLimitHeaders } from '../errors.js';
import { unwatchAbort, watchAbort, type Abortable } from './abort-registry.js';

/** A whole answer: status, the headers retry and pacing read, and the body as text. */
export interface BufferedResponse {
  readonly statusCode: number;
  readonly headers: RateLimitHeaders | undefined;
  readonly text: string;
}

/**
 * One request through undici's `dispatch` with a handler that keeps the body as bytes until it ends.
 * `request()` builds a Readable stream, parses every header and runs the callback in an async scope
 * for each answer; a JSON answer needs none of that, and skipping it is a sizeable share of a call's
 * client CPU. undici calls onConnect → onHeaders → onData* → onComplete, or onError.
 */
class BufferedRequest implements Abortable {
  readonly #resolve: (response: BufferedResponse) => void;
  readonly #reject: (error: unknown) => void;
  readonly #signal: AbortSignal | undefined;
  #abort: ((reason: unknown) => void) | undefined;
  #ended: { reason: unknown } | undefined;
  #done = false;
  #statusCode = 0;
  #headers: RateLimitHeaders | undefined;
  #chunks: Buffer[] = [];

  constructor(resolve: (response: BufferedResponse) => void, reject: (error: unknown) => void, signal: AbortSignal | undefined) {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#signal = signal;
  }

  #finish(): boolean {
    if (this.#done) return false;
    this.#done = true;
    if (this.#signal !== undefined) unwatchAbort(this.#signal, this);
    return true;
  }

  /** The caller's signal fired: settle now; the socket's request is aborted when undici hands it over. */
  abort(reason: unknown): void {
    if (!this.#finish()) return;
    this.#ended = { reason };
    this.#chunks = [];
    this.#reject(reason);
    this.#abort?.(reason);
  }

  onConnect(abort: (reason: unknown) => void): void {
    if (this.#ended !== undefined) abort(this.#ended.reason);
    else this.#abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // 1xx: the answer is still to come
    this.#statusCode = statusCode;
    this.#headers = pickRawRateLimitHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.#finish()) return;
    const chunks = this.#chunks;
    this.#chunks = [];
    const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
    this.#resolve({ statusCode: this.#statusCode, headers: this.#headers, text });
  }

  onError(error: unknown): void {
    if (!this.#finish()) return;
    this.#chunks = [];
    this.#reject(error);
  }
}

/** Sends one request and resolves with the whole answer; rejects with the signal's reason when it aborts. */
export function bufferedRequest(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, signal: AbortSignal | undefined): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    const call = new BufferedRequest(resolve, reject, signal);
    if (signal !== undefined) {
      watchAbort(signal, call);
      if (signal.aborted) return;
    }
    try {
      dispatcher.dispatch(options, call as unknown as Dispatcher.DispatchHandler);
    } catch (error) {
      call.onError(error);
    }
  });
}
