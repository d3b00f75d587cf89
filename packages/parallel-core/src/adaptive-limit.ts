import { isOverloadError } from './error-kind.js';
import type { AdaptiveOptions } from './types.js';
import { checkFunction, checkInteger, checkNumber, checkObject, invalid } from './validate.js';

export interface AdaptiveLimitOptions extends AdaptiveOptions {
  /** Where the limit starts. @default max */
  readonly initial?: number;
}

/**
 * An AIMD concurrency limit: multiplied by `decrease` (halved) on an overload error, +1 after
 * `increaseAfter` successes, always within [min, max]. A run given `adaptive` reads `.current` before
 * starting each task; pass one instance to several runs to share it.
 *
 * Errors from attempts that started before the last cut do not cut again (like TCP's once per round
 * trip), so a burst of 429s from one wave of requests halves the limit once, not to the floor.
 * @example const limit = new AdaptiveLimit({ max: 64 }); await pmap(items, call, { adaptive: limit }); limit.current;
 */
export class AdaptiveLimit {
  readonly min: number;
  readonly max: number;
  readonly #decrease: number;
  readonly #increaseAfter: number;
  readonly #isOverload: (error: unknown) => boolean;
  readonly #onChange: ((limit: number) => void) | undefined;
  #current: number;
  #successes = 0;
  #generation = 0;

  constructor(options: AdaptiveLimitOptions = {}) {
    const o = checkObject('adaptive', options, 'a boolean, adaptive options or an AdaptiveLimit') as AdaptiveLimitOptions;
    this.min = o.min === undefined ? 1 : checkInteger('adaptive.min', o.min, 1);
    this.max = o.max === undefined ? 50 : checkInteger('adaptive.max', o.max, 1);
    if (this.max < this.min) throw invalid('adaptive.max', `an integer from \`adaptive.min\` (${this.min}) and up`, o.max);
    this.#decrease = o.decrease === undefined ? 0.5 : checkNumber('adaptive.decrease', o.decrease, 0, true);
    if (this.#decrease >= 1) throw invalid('adaptive.decrease', 'a number between 0 and 1 (exclusive)', o.decrease);
    this.#increaseAfter = o.increaseAfter === undefined ? 10 : checkInteger('adaptive.increaseAfter', o.increaseAfter, 1);
    this.#isOverload = o.isOverload === undefined ? isOverloadError : checkFunction('adaptive.isOverload', o.isOverload);
    this.#onChange = o.onChange === undefined ? undefined : checkFunction('adaptive.onChange', o.onChange);
    const initial = o.initial === undefined ? this.max : checkInteger('adaptive.initial', o.initial, 1);
    this.#current = Math.min(this.max, Math.max(this.min, initial));
  }

  /** The limit now. */
  get current(): number {
    return this.#current;
  }

  /** Bumped by every cut; pass the value read when an attempt started to `failure()`. */
  get generation(): number {
    return this.#generation;
  }

  /** One task succeeded; every `increaseAfter` of them add 1. */
  success(): void {
    if (++this.#successes >= this.#increaseAfter) {
      this.#successes = 0;
      if (this.#current < this.max) this.#set(this.#current + 1);
    }
  }

  /**
   * One attempt failed; cuts the limit when the error is an overload signal and the attempt started
   * at or after the last cut (`generation`). Returns whether it cut.
   */
  failure(error: unknown, generation = this.#generation): boolean {
    if (generation < this.#generation || !this.#isOverload(error)) return false;
    this.decrease();
    return true;
  }

  /** Cuts the limit now, whatever the error. */
  decrease(): void {
    this.#generation++;
    this.#successes = 0;
    const next = Math.max(this.min, Math.floor(this.#current * this.#decrease));
    if (next !== this.#current) this.#set(next);
  }

  #set(limit: number): void {
    this.#current = limit;
    this.#onChange?.(limit);
  }
}
