import type { RetryBudgetLike } from './types.js';
import { checkInteger } from './validate.js';

/**
 * A cap on retries shared by every task that holds it — within one run (`retry.budget: n`) or across
 * runs (pass the same instance), so a failing dependency cannot multiply the load by `retries`.
 * @example const budget = new RetryBudget(20); await pmap(a, f, { retry: { budget } }); await pmap(b, g, { retry: { budget } });
 */
export class RetryBudget implements RetryBudgetLike {
  #remaining: number;
  #spent = 0;

  constructor(retries: number) {
    this.#remaining = checkInteger('budget', retries, 0, true);
  }

  take(): boolean {
    if (this.#remaining <= 0) return false;
    this.#remaining--;
    this.#spent++;
    return true;
  }

  get remaining(): number {
    return this.#remaining;
  }

  /** Retries taken so far. */
  get spent(): number {
    return this.#spent;
  }
}
