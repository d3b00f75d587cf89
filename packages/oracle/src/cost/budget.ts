// Spending limits for a run (`--max-cost`, `--max-total-tokens`). A call starts only while what was
// spent, plus what the calls in flight are expected to cost, plus this call's estimate stays within
// every limit; once one would not, the run stops scheduling for good. The calls already in flight may
// still cost more than their estimate, so a run overshoots by at most one in-flight wave.

/** Exit code of a run a budget stopped (design §5b): results are kept, `--resume` continues. */
export const EXIT_BUDGET = 4;

export interface BudgetLimits {
  /** US dollars for the whole run (a resumed run's earlier calls count). */
  readonly maxCostUsd?: number | undefined;
  /** Prompt plus completion tokens for the whole run. */
  readonly maxTokens?: number | undefined;
}

/** What one call is expected to cost, or did cost. `usd` undefined when no limit in dollars applies. */
export interface Spend {
  readonly usd: number;
  readonly tokens: number;
}

export const hasLimit = (limits: BudgetLimits | undefined): limits is BudgetLimits =>
  limits !== undefined && (limits.maxCostUsd !== undefined || limits.maxTokens !== undefined);

/** Which limit a spend crosses, or undefined when it fits. */
export function crossedLimit(limits: BudgetLimits, spend: Spend): 'max-cost' | 'max-total-tokens' | undefined {
  // A hair of slack: dollars are sums of floats.
  if (limits.maxCostUsd !== undefined && spend.usd > limits.maxCostUsd + 1e-12) return 'max-cost';
  if (limits.maxTokens !== undefined && spend.tokens > limits.maxTokens) return 'max-total-tokens';
  return undefined;
}

export class BudgetGuard {
  readonly limits: BudgetLimits;
  spentUsd: number;
  spentTokens: number;
  #reservedUsd = 0;
  #reservedTokens = 0;
  /** Set once a call was refused: the limit that would have been crossed. */
  stopped: 'max-cost' | 'max-total-tokens' | undefined;

  /** `spent`: what earlier runs of the same work spent (counted against the limits). */
  constructor(limits: BudgetLimits, spent: Spend = { usd: 0, tokens: 0 }) {
    this.limits = limits;
    this.spentUsd = spent.usd;
    this.spentTokens = spent.tokens;
  }

  /** The limit one more call expected to cost `estimate` could cross now, or undefined when it fits. */
  check(estimate: Spend): 'max-cost' | 'max-total-tokens' | undefined {
    const usd = this.spentUsd + this.#reservedUsd + estimate.usd;
    return crossedLimit(this.limits, { usd, tokens: this.spentTokens + this.#reservedTokens + estimate.tokens });
  }

  /** Room for one more call expected to cost `estimate`? Reserves it and returns true; else stops the budget for good. */
  reserve(estimate: Spend): boolean {
    if (this.stopped) return false;
    this.stopped = this.check(estimate);
    if (this.stopped) return false;
    this.#reservedUsd += estimate.usd;
    this.#reservedTokens += estimate.tokens;
    return true;
  }

  /** A reserved call ended: its reservation gives way to what it cost (nothing when it failed). */
  settle(estimate: Spend, actual: Spend | undefined): void {
    this.#reservedUsd -= estimate.usd;
    this.#reservedTokens -= estimate.tokens;
    if (actual) {
      this.spentUsd += actual.usd;
      this.spentTokens += actual.tokens;
    }
  }
}
