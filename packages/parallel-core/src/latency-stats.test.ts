import { describe, expect, test } from '@jest/globals';
import { LatencyStats, percentile, pmap } from './index.js';
import { delay } from './test-helpers/tasks.js';

describe('percentile', () => {
  test('interpolates between the nearest ranks of sorted values', () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40], 100)).toBe(40);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(values, 95)).toBe(95);
    expect(() => percentile(values, 150)).toThrow('Expected `p` to be a number from 0 to 100, got `150` (number)');
  });
});

describe('LatencyStats', () => {
  test('percentiles within 1% of the exact ones over wide-ranging data', () => {
    const stats = new LatencyStats();
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // Log-normal-ish: from ~0.01 ms to ~10 s.
      const value = Math.exp(Math.random() * 14 - 4.6);
      values.push(value);
      stats.record(value);
    }
    values.sort((a, b) => a - b);
    for (const p of [1, 10, 50, 90, 95, 99, 99.9]) {
      const exact = values[Math.ceil((p / 100) * values.length) - 1]!;
      expect(Math.abs(stats.percentile(p) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    const summary = stats.summary();
    expect(summary.count).toBe(50_000);
    expect(summary.min).toBe(values[0]);
    expect(summary.max).toBe(values.at(-1));
    expect(summary.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
    expect(summary.p50).toBe(stats.percentile(50));
  });

  test('a million records do not grow memory', () => {
    const stats = new LatencyStats();
    for (let i = 0; i < 1_000; i++) stats.record(i);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000_000; i++) stats.record((i % 5_000) / 7);
    const grown = process.memoryUsage().heapUsed - before;
    expect(stats.count).toBe(1_001_000);
    // Recording allocates nothing; allow for unrelated heap noise.
    expect(grown).toBeLessThan(4 * 2 ** 20);
  });

  test('empty summary is all zeros; merge and reset', () => {
    const a = new LatencyStats();
    expect(a.summary()).toEqual({ count: 0, min: 0, max: 0, mean: 0, p50: 0, p95: 0, p99: 0 });
    expect(a.percentile(50)).toBeNaN();
    a.record(10);
    const b = new LatencyStats();
    b.record(30);
    a.merge(b);
    expect(a.summary()).toMatchObject({ count: 2, min: 10, max: 30, mean: 20 });
    a.reset();
    expect(a.count).toBe(0);
    expect(() => a.record(Number.NaN)).toThrow(TypeError);
  });

  test('a run records the latency of every successful task', async () => {
    const stats = new LatencyStats();
    await pmap([20, 20, 20, 1], async (ms) => {
      await delay(ms);
      if (ms === 1) throw new Error('failed tasks are not latencies');
    }, { stats });
    const summary = stats.summary();
    expect(summary.count).toBe(3);
    expect(summary.min).toBeGreaterThanOrEqual(18);
  });
});
