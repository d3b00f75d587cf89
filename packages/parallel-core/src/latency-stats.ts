import type { LatencyRecorder, LatencySummary } from './types.js';
import { invalid } from './validate.js';

// Log-linear buckets: each power of two from 2^MIN_EXP ms (~1 µs) to 2^MAX_EXP ms (~4.7 h) is cut into
// SUB equal slices, so a bucket's midpoint is within 1/(2·SUB) ≈ 0.8% of any value in it. The array is
// fixed, so memory does not grow with the number of records.
const SUB = 64;
const MIN_EXP = -10;
const MAX_EXP = 24;
const LOW = 2 ** MIN_EXP;
const HIGH = 2 ** MAX_EXP;
const BUCKETS = (MAX_EXP - MIN_EXP) * SUB + 2;

function bucketOf(ms: number): number {
  if (ms < LOW) return 0;
  if (ms >= HIGH) return BUCKETS - 1;
  const exp = Math.floor(Math.log2(ms));
  const sub = Math.min(SUB - 1, Math.max(0, Math.floor((ms / 2 ** exp - 1) * SUB)));
  return 1 + (exp - MIN_EXP) * SUB + sub;
}

function midpointOf(bucket: number): number {
  if (bucket === 0) return 0;
  if (bucket === BUCKETS - 1) return HIGH;
  const exp = MIN_EXP + Math.floor((bucket - 1) / SUB);
  const sub = (bucket - 1) % SUB;
  return 2 ** exp * (1 + (sub + 0.5) / SUB);
}

/**
 * Latency histogram with ~1% precision in constant memory (a few thousand counters), for 10^6+ records.
 * Pass it as `stats` to a run, or call `record(ms)` yourself.
 * @example const stats = new LatencyStats(); await pmap(urls, fetchOne, { stats }); stats.summary().p99;
 */
export class LatencyStats implements LatencyRecorder {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Adds one latency in ms (negative values count as 0; NaN is rejected). */
  record(ms: number): void {
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw invalid('ms', 'a number', ms);
    const value = ms < 0 ? 0 : ms;
    this.#counts[bucketOf(value)]!++;
    this.#count++;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  get count(): number {
    return this.#count;
  }

  /** The `p`-th percentile (0–100) within ~1%, clamped to the exact min and max; NaN when empty. */
  percentile(p: number): number {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) throw invalid('p', 'a number from 0 to 100', p);
    if (this.#count === 0) return Number.NaN;
    if (p === 0) return this.#min;
    if (p === 100) return this.#max;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.#counts[bucket]!;
      if (seen >= rank) return Math.min(this.#max, Math.max(this.#min, midpointOf(bucket)));
    }
    return this.#max;
  }

  /** count/min/max/mean/p50/p95/p99 in ms; all zero when nothing was recorded. */
  summary(): LatencySummary {
    if (this.#count === 0) return { count: 0, min: 0, max: 0, mean: 0, p50: 0, p95: 0, p99: 0 };
    return {
      count: this.#count,
      min: this.#min,
      max: this.#max,
      mean: this.#sum / this.#count,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
    };
  }

  /** Adds another histogram's records to this one. */
  merge(other: LatencyStats): this {
    const counts = other.#counts;
    for (let i = 0; i < BUCKETS; i++) this.#counts[i]! += counts[i]!;
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
    return this;
  }

  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
  }
}
