import type { SimState } from '../state.js';
import { answerChat, isObject } from './chat-answer.js';
import { chatBodyFromRequest, googleStatus, responseFromCompletion } from './gemini-translate.js';
import { LineTimeline, type TimelineEnd } from './line-timeline.js';
import { isoNow } from './provider-http.js';

export type GeminiBatchState =
  | 'BATCH_STATE_PENDING'
  | 'BATCH_STATE_RUNNING'
  | 'BATCH_STATE_SUCCEEDED'
  | 'BATCH_STATE_CANCELLED'
  | 'BATCH_STATE_EXPIRED';

/** One inlined request: a GenerateContentRequest and the caller's metadata (e.g. `{key}`). */
export interface InlinedRequest {
  readonly request: unknown;
  readonly metadata?: unknown;
}

const BATCH_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch';
const OUTPUT_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput';
const ENDS: Record<TimelineEnd, GeminiBatchState> = { done: 'BATCH_STATE_SUCCEEDED', cancelled: 'BATCH_STATE_CANCELLED', expired: 'BATCH_STATE_EXPIRED' };

/**
 * One batch of inlined requests, seen as a long-running Operation: PENDING → RUNNING → SUCCEEDED
 * (with `response.inlinedResponses.inlinedResponses`, one per request in request order, mirrored in
 * `metadata.output`), or CANCELLED / EXPIRED with no output. `batchStats` counts are int64 strings,
 * as proto JSON writes them.
 */
export class GeminiBatch {
  readonly name: string;
  readonly #sim: SimState;
  readonly #model: string;
  readonly #displayName: string;
  readonly #requests: readonly InlinedRequest[];
  readonly #timeline: LineTimeline;
  readonly #createTime = isoNow();
  #updateTime = this.#createTime;
  #endTime: string | undefined;
  #state: GeminiBatchState = 'BATCH_STATE_PENDING';
  #responses: unknown[] = [];
  #succeeded = 0;
  #failed = 0;

  constructor(sim: SimState, name: string, model: string, displayName: string, requests: readonly InlinedRequest[]) {
    this.name = name;
    this.#sim = sim;
    this.#model = model;
    this.#displayName = displayName;
    this.#requests = requests;
    this.#timeline = new LineTimeline(sim, requests.length, (i) => this.#answer(i), (how) => this.#end(how));
  }

  get done(): boolean {
    return this.#endTime !== undefined;
  }

  /** The batch as `GET /v1beta/batches/{id}` shows it. */
  operation(): Record<string, unknown> {
    const total = this.#requests.length;
    const output = this.#state === 'BATCH_STATE_SUCCEEDED' ? { inlinedResponses: { inlinedResponses: this.#responses } } : undefined;
    const metadata = {
      '@type': BATCH_TYPE,
      model: this.#model,
      displayName: this.#displayName,
      createTime: this.#createTime,
      updateTime: this.#updateTime,
      ...(this.#endTime ? { endTime: this.#endTime } : {}),
      batchStats: {
        requestCount: String(total),
        pendingRequestCount: String(this.done ? 0 : total - this.#succeeded - this.#failed),
        successfulRequestCount: String(this.#succeeded),
        failedRequestCount: String(this.#failed),
      },
      state: this.#state,
      name: this.name,
      ...(output ? { output } : {}),
    };
    return { name: this.name, metadata, ...(this.done ? { done: true } : {}), ...(output ? { response: { '@type': OUTPUT_TYPE, ...output } } : {}) };
  }

  /** Cancels a batch still running (it ends CANCELLED, without output); false once it has ended. */
  cancel(): boolean {
    return this.#timeline.cancel();
  }

  dispose(): void {
    this.#timeline.dispose();
  }

  #answer(index: number): void {
    const { request, metadata } = this.#requests[index]!;
    const key = isObject(metadata) && typeof metadata.key === 'string' ? metadata.key : `#${index}`;
    const echo = metadata === undefined ? {} : { metadata };
    this.#state = 'BATCH_STATE_RUNNING';
    this.#updateTime = isoNow();
    const check = chatBodyFromRequest(request, this.#model.slice('models/'.length), key);
    if (!check.ok) return this.#fail(googleStatus(400, check.message), echo);
    const answer = answerChat(this.#sim, key, check.body);
    if (!answer.ok) return this.#fail(googleStatus(answer.status, answer.message), echo);
    this.#succeeded++;
    this.#responses.push({ response: responseFromCompletion(answer.completion), ...echo });
  }

  #fail(error: ReturnType<typeof googleStatus>, echo: object): void {
    this.#failed++;
    this.#responses.push({ error, ...echo });
  }

  #end(how: TimelineEnd): void {
    this.#state = ENDS[how];
    this.#endTime = this.#updateTime = isoNow();
    if (how !== 'done') this.#responses = [];
  }
}
