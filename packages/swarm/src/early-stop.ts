import { UsageError } from './errors.js';

export interface EarlyStopOptions {
  /** Posterior probability that the leader is truly ahead before stopping. @default 0.99 */
  readonly confidence?: number | undefined;
  /** Votes needed before the test may stop the run. @default 20 */
  readonly minSamples?: number | undefined;
}

export type StopReason = 'confident' | 'decided';

function logChoose(n: number, k: number, lf: Float64Array | undefined): number {
  return logFactorial(n, lf) - logFactorial(k, lf) - logFactorial(n - k, lf);
}

// Exact log n! from a table for small n, Stirling's series beyond (error < 1e-10 there).
const TABLE_SIZE = 4096;
let table: Float64Array | undefined;
function factorialTable(): Float64Array {
  if (!table) {
    table = new Float64Array(TABLE_SIZE);
    for (let i = 2; i < TABLE_SIZE; i++) table[i] = table[i - 1]! + Math.log(i);
  }
  return table;
}
function logFactorial(n: number, lf: Float64Array | undefined): number {
  if (lf && n < TABLE_SIZE) return lf[n]!;
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

/**
 * P(p ≤ ½) for p ~ Beta(a+1, b+1): the posterior probability, from a uniform prior, that the answer
 * with `a` votes is not really ahead of the one with `b`. For integer parameters the Beta CDF equals
 * a binomial tail: P(p ≤ ½) = P(Bin(a+b+1, ½) ≥ a+1), summed exactly over its b+1 terms (a normal
 * approximation with continuity correction once b > 200, where it is accurate to ~1e-4 and keeps
 * the check cheap enough to run after every vote).
 */
export function probLeaderNotAhead(a: number, b: number): number {
  const n = a + b + 1;
  if (b > 200) {
    const z = (a + 0.5 - n / 2) / Math.sqrt(n / 4);
    return 0.5 * erfc(z / Math.SQRT2);
  }
  const lf = factorialTable();
  const log2n = n * Math.LN2;
  let sum = 0;
  for (let k = a + 1; k <= n; k++) sum += Math.exp(logChoose(n, k, lf) - log2n);
  return Math.min(1, sum);
}

// Numerical Recipes' erfc (fractional error < 1.2e-7).
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Decides when a vote may stop early. Two rules, whichever holds first:
 * - `decided`: the leader's margin over the runner-up exceeds the calls still to come, so the final
 *   tally cannot change at all (no minimum sample needed);
 * - `confident`: at least `minSamples` votes, and under a Beta posterior on the leader's share of the
 *   leader-plus-runner-up votes, P(leader not ahead) ≤ 1 − confidence. Answers other than the top two
 *   are ignored by the test, which makes it slightly conservative for many-way splits.
 */
export class EarlyStop {
  readonly confidence: number;
  readonly minSamples: number;

  constructor(options: EarlyStopOptions = {}) {
    this.confidence = options.confidence ?? 0.99;
    this.minSamples = options.minSamples ?? 20;
    if (!(this.confidence > 0.5 && this.confidence < 1)) throw new UsageError(`--confidence must be between 0.5 and 1 (exclusive), got ${this.confidence}`);
    if (!Number.isInteger(this.minSamples) || this.minSamples < 1) throw new UsageError(`--min-samples must be an integer ≥ 1, got ${this.minSamples}`);
  }

  /**
   * @param leader votes for the leading answer
   * @param runnerUp votes for the second answer (0 if none)
   * @param votes all votes so far
   * @param remaining calls not yet answered (queued and in flight)
   */
  check(leader: number, runnerUp: number, votes: number, remaining: number): StopReason | undefined {
    if (leader === 0) return undefined;
    if (remaining > 0 && leader - runnerUp > remaining) return 'decided';
    if (votes < this.minSamples) return undefined;
    return probLeaderNotAhead(leader, runnerUp) <= 1 - this.confidence ? 'confident' : undefined;
  }
}
