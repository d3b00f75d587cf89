// A streaming latency histogram with bounded memory: values are kept to 4 significant digits
// (≤ 0.05 % error; whole milliseconds below 10 s are exact), one counter per distinct kept value.
// Memory is bounded by the spread of values, not their number, so a year of records fits.
// Not parallel-core's LatencyStats: that one reports bucket midpoints (~1%), while a report on a
// known store should show the exact p50 of whole-millisecond timings. Same summary shape, though.
import type { LatencySummary } from '@fanout/parallel-core';

export type { LatencySummary };

/** 4 significant digits; exact for whole numbers below 10,000. */
export function quantize(value: number): number {
  return decode(encode(value));
}

// A kept value as a small integer (Map keys that are small integers hash fast): exponent and a
// 4-digit mantissa, so `m × 10^(e−3)` is the value. Decoding divides (never multiplies by 10^-k)
// so 12.35 comes back as 12.35, not 12.350000000000001.
function encode(value: number): number {
  if (!(value > 0)) return 0;
  let exp = Math.floor(Math.log10(value));
  let mantissa = Math.round(exp >= 3 ? value / 10 ** (exp - 3) : value * 10 ** (3 - exp));
  if (mantissa >= 10_000) {
    mantissa = 1000;
    exp++;
  }
  return (exp + 30) * 10_000 + mantissa;
}

function decode(key: number): number {
  if (key === 0) return 0;
  const exp = Math.floor(key / 10_000) - 30;
  const mantissa = key % 10_000;
  return exp >= 3 ? mantissa * 10 ** (exp - 3) : mantissa / 10 ** (3 - exp);
}

export class LatencyHistogram {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private readonly counts = new Map<number, number>();
  private sorted: number[] | undefined;

  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const value = ms < 0 ? 0 : ms;
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const key = encode(value);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.sorted = undefined;
  }

  /** Nearest rank: the smallest kept value with at least q·count values at or below it. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const keys = this.keys();
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const key of keys) {
      seen += this.counts.get(key)!;
      if (seen >= rank) return Math.min(Math.max(decode(key), this.min), this.max);
    }
    return this.max;
  }

  /** [value, count] pairs in ascending order (for distribution charts). */
  entries(): Array<[number, number]> {
    return this.keys().map((key) => [decode(key), this.counts.get(key)!]);
  }

  summary(): LatencySummary {
    if (this.count === 0) return { count: 0, min: 0, max: 0, mean: 0, p50: 0, p95: 0, p99: 0 };
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.sum / this.count,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
    };
  }

  private keys(): number[] {
    this.sorted ??= [...this.counts.keys()].sort((a, b) => a - b);
    return this.sorted;
  }
}
