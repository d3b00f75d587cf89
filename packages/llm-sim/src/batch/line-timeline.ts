import type { SimState } from '../state.js';

// Lines are answered in up to this many slices spread over batchDelayMs, so polls see progress.
const SLICES = 20;
// With no delay, slices this big between event-loop turns keep the server responsive.
const IMMEDIATE_SLICE = 1000;

/** How a batch's processing ended: every line answered, or cut short. */
export type TimelineEnd = 'done' | 'cancelled' | 'expired';

/**
 * The clock of one Anthropic or Gemini batch: answers its lines in slices spread over the sim's
 * `batchDelayMs` (after a short queueing phase), and ends early when cancelled or when the completion
 * window (`batchExpireMs`) runs out. Lines from `next` on were never answered when it ends early.
 */
export class LineTimeline {
  /** Lines answered so far (they are answered in order). */
  next = 0;
  readonly #sim: SimState;
  readonly #count: number;
  readonly #answer: (index: number) => void;
  readonly #end: (how: TimelineEnd) => void;
  #timer: NodeJS.Timeout | undefined;
  #expiry: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(sim: SimState, count: number, answer: (index: number) => void, end: (how: TimelineEnd) => void) {
    this.#sim = sim;
    this.#count = count;
    this.#answer = answer;
    this.#end = end;
    this.#expiry = setTimeout(() => this.#finish('expired'), sim.batchExpireMs);
    this.#timer = setTimeout(() => this.#schedule(), this.phaseMs());
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** A short pause between phases (queued → running, cancel asked → cancelled). */
  phaseMs(): number {
    return Math.min(100, this.#sim.batchDelayMs / 10);
  }

  /** Stops answering; the batch ends as cancelled after a phase. False when it has already ended. */
  cancel(): boolean {
    if (this.#ended) return false;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#finish('cancelled'), this.phaseMs());
    return true;
  }

  dispose(): void {
    this.#ended = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#expiry);
  }

  #schedule(): void {
    const delay = this.#sim.batchDelayMs;
    if (delay <= 0) {
      this.#timer = setTimeout(() => this.#step(IMMEDIATE_SLICE), 0);
      return;
    }
    const slices = Math.max(1, Math.min(this.#count, SLICES));
    this.#timer = setTimeout(() => this.#step(Math.ceil(this.#count / slices)), delay / slices);
  }

  #step(size: number): void {
    const end = Math.min(this.#count, this.next + size);
    for (; this.next < end; this.next++) this.#answer(this.next);
    if (this.next < this.#count) this.#schedule();
    else this.#timer = setTimeout(() => this.#finish('done'), this.phaseMs());
  }

  #finish(how: TimelineEnd): void {
    if (this.#ended) return;
    this.dispose();
    this.#end(how);
  }
}
