import type { SimState } from '../state.js';
import { anthropicError, chatBodyFromParams, messageFromCompletion } from './anthropic-translate.js';
import { answerChat } from './chat-answer.js';
import { LineTimeline, type TimelineEnd } from './line-timeline.js';
import { isoNow } from './provider-http.js';

/** Anthropic's Message Batch object (times as RFC 3339 strings, null until reached). */
export interface MessageBatch {
  id: string;
  type: 'message_batch';
  processing_status: 'in_progress' | 'canceling' | 'ended';
  request_counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  ended_at: string | null;
  created_at: string;
  expires_at: string;
  archived_at: string | null;
  cancel_initiated_at: string | null;
  results_url: string | null;
}

export interface BatchRequest {
  readonly custom_id: string;
  readonly params: unknown;
}

/**
 * One Message Batch: in_progress → (canceling →) ended. As the API documents, `request_counts` hold
 * every request as `processing` until the whole batch ends; then each has one result, in a JSONL
 * file of `{custom_id, result: {type: succeeded|errored|canceled|expired, …}}` lines.
 */
export class AnthropicBatch {
  readonly data: MessageBatch;
  readonly #sim: SimState;
  readonly #requests: readonly BatchRequest[];
  readonly #resultsUrl: string;
  readonly #timeline: LineTimeline;
  #lines: string[] = [];
  #succeeded = 0;
  #erroredCount = 0;

  constructor(sim: SimState, id: string, requests: readonly BatchRequest[], resultsUrl: string) {
    this.#sim = sim;
    this.#requests = requests;
    this.#resultsUrl = resultsUrl;
    const now = Date.now();
    this.data = {
      id,
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + sim.batchExpireMs).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    };
    this.#timeline = new LineTimeline(sim, requests.length, (i) => this.#answer(i), (how) => this.#end(how));
  }

  /** Starts cancelling; false when processing has already ended. */
  cancel(): boolean {
    if (this.data.processing_status === 'ended') return false;
    if (this.data.processing_status === 'canceling') return true;
    this.data.processing_status = 'canceling';
    this.data.cancel_initiated_at = isoNow();
    return this.#timeline.cancel();
  }

  /** The results JSONL, once processing has ended. */
  results(): string | undefined {
    return this.data.processing_status === 'ended' ? `${this.#lines.join('\n')}\n` : undefined;
  }

  dispose(): void {
    this.#timeline.dispose();
  }

  #answer(index: number): void {
    const { custom_id: customId, params } = this.#requests[index]!;
    const check = chatBodyFromParams(params, customId);
    if (!check.ok) return this.#errored(customId, 400, check.message);
    const answer = answerChat(this.#sim, customId, check.body);
    if (!answer.ok) return this.#errored(customId, answer.status, answer.message);
    this.#succeeded++;
    this.#lines.push(JSON.stringify({ custom_id: customId, result: { type: 'succeeded', message: messageFromCompletion(answer.completion) } }));
  }

  #errored(customId: string, status: number, message: string): void {
    this.#erroredCount++;
    this.#lines.push(JSON.stringify({ custom_id: customId, result: { type: 'errored', error: anthropicError(status, message) } }));
  }

  #end(how: TimelineEnd): void {
    const notRun = how === 'done' ? undefined : how === 'cancelled' ? 'canceled' : 'expired';
    const total = this.#requests.length;
    if (notRun)
      for (let i = this.#timeline.next; i < total; i++) this.#lines.push(JSON.stringify({ custom_id: this.#requests[i]!.custom_id, result: { type: notRun } }));
    const unrun = total - this.#timeline.next;
    this.data.request_counts = {
      processing: 0,
      succeeded: this.#succeeded,
      errored: this.#erroredCount,
      canceled: notRun === 'canceled' ? unrun : 0,
      expired: notRun === 'expired' ? unrun : 0,
    };
    this.data.processing_status = 'ended';
    this.data.ended_at = isoNow();
    this.data.results_url = this.#resultsUrl;
  }
}
