import { describe, expect, test } from '@jest/globals';
import { LatencyHistogram, quantize } from './histogram.js';

describe('LatencyHistogram', () => {
  test('nearest-rank quantiles, exact for whole milliseconds', () => {
    const h = new LatencyHistogram();
    for (let v = 1; v <= 100; v++) h.record(v);
    expect(h.summary()).toEqual({ count: 100, min: 1, max: 100, mean: 50.5, p50: 50, p95: 95, p99: 99 });
  });

  test('keeps 4 significant digits and stays small for a million values', () => {
    expect(quantize(12.34567)).toBe(12.35);
    expect(quantize(123456)).toBe(123500);
    expect(quantize(0)).toBe(0);
    const h = new LatencyHistogram();
    let seed = 7;
    for (let i = 0; i < 1_000_000; i++) {
      seed = (seed * 48271) % 2147483647;
      h.record(20 + (seed / 2147483647) * 80);
    }
    expect(h.entries().length).toBeLessThanOrEqual(8001);
    expect(h.quantile(0.5)).toBeGreaterThan(59);
    expect(h.quantile(0.5)).toBeLessThan(61);
  });

  test('an empty histogram summarises to zeros', () => {
    expect(new LatencyHistogram().summary().count).toBe(0);
  });
});
