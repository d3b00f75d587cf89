// A budget between a run's work and its pool (parallel-core pulls an item only when a slot is free,
// so a pull is where a call is about to start). Each item reserves what it is expected to cost. An
// item that could cross a limit waits while calls are in flight (they may cost less than reserved),
// and ends the items when none are: the pool finishes what is in flight. With `onBudget: 'cancel'`,
// the first such item ends them at once, and the caller cancels the calls in flight.
import { BudgetGuard, type BudgetLimits, type Spend } from './budget.js';
import type { OnBudget } from './cost-flags.js';

export class BudgetGate<T extends object> {
  readonly guard: BudgetGuard;
  readonly onBudget: OnBudget;
  readonly #estimate: (item: T) => Spend;
  readonly #reserved = new Map<T, Spend>();
  #waiting: (() => void) | undefined;
  /** Items let through. */
  started = 0;

  /** `prior`: what earlier runs of the same work spent (it counts against the limits). */
  constructor(limits: BudgetLimits, estimate: (item: T) => Spend, options: { prior?: Spend | undefined; onBudget?: OnBudget | undefined } = {}) {
    this.guard = new BudgetGuard(limits, options.prior);
    this.#estimate = estimate;
    this.onBudget = options.onBudget ?? 'finish';
  }

  /** The items, until one could cross a limit (see above); `onStop` is told then, once. */
  async *items(source: Iterable<T> | AsyncIterable<T>, onStop: () => void): AsyncGenerator<T> {
    for await (const item of source) {
      for (;;) {
        const estimate = this.#estimate(item);
        const crossed = this.guard.check(estimate);
        if (crossed === undefined) {
          this.guard.reserve(estimate);
          this.#reserved.set(item, estimate);
          this.started++;
          yield item;
          break;
        }
        if (this.onBudget === 'cancel' || this.#reserved.size === 0) {
          this.guard.stopped = crossed;
          onStop();
          return;
        }
        await new Promise<void>((resolve) => (this.#waiting = resolve));
      }
    }
  }

  /** An item ended (after its retries): its reservation gives way to what it cost (nothing when it failed). */
  settle(item: T, actual: Spend | undefined): void {
    const estimate = this.#reserved.get(item);
    if (estimate === undefined) return;
    this.#reserved.delete(item);
    this.guard.settle(estimate, actual);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.();
  }
}
