import { describe, expect, test } from '@jest/globals';
import { formatReport } from './format-report.js';
import { loadReport } from './load-report.js';
import { writeKnownStore } from './test-helpers/known-store.js';
import { tempDir } from './test-helpers/paths.js';

// Expected numbers worked out by hand from test-helpers/known-store.ts (nearest-rank percentiles).
describe('report on a known store', () => {
  test('per event: runs, wall p50/p95 (never the sum), one-after-another cost and time saved', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const report = await loadReport({ dir });
    expect(report.runs).toBe(5);
    expect(report.hookRecords).toBe(13);
    expect(report.corrupt).toBe(2);
    expect(report.events.map((event) => event.event)).toEqual(['UserPromptSubmit', 'PreToolUse']);
    const ups = report.events[0]!;
    expect(ups.runs).toBe(4);
    // walls 31, 52, 31, 46
    expect(ups.wall).toMatchObject({ p50: 31, p95: 52, max: 52, min: 31 });
    // one after another: 55, 90, 45 (b skipped), 50
    expect(ups.sequential).toMatchObject({ p50: 50, p95: 90, max: 90 });
    // (55-31) + (90-52) + (45-31) + (50-46)
    expect(ups.savedMs).toBe(80);
    expect(ups.savedPerRunMs).toBe(20);
  });

  test('per hook, in config order: runs, p50/p95/max, failures, timeouts, blocks, skips', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const [ups, pre] = (await loadReport({ dir })).events;
    expect(ups!.hooks.map((hook) => hook.id)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = ups!.hooks;
    expect(a).toMatchObject({ runs: 4, skipped: 0, failures: 0, timeouts: 1, blocks: 0, critical: 4 });
    expect(a!.latency).toMatchObject({ p50: 20, p95: 40, max: 40, count: 4 });
    expect(b).toMatchObject({ runs: 3, skipped: 1, failures: 0, timeouts: 0, after: ['a'] });
    expect(b!.latency).toMatchObject({ p50: 20, max: 30 });
    expect(c).toMatchObject({ runs: 4, failures: 1, blocks: 1, timeouts: 0 });
    expect(c!.latency).toMatchObject({ p50: 15, p95: 40, max: 40 });
    expect(pre!.hooks[0]).toMatchObject({ id: 'guard', runs: 1, blocks: 1, effects: 1 });
  });

  test('--since and --event narrow the report', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const report = await loadReport({ dir, since: Date.parse('2026-01-03T00:00:00Z'), event: 'UserPromptSubmit' });
    expect(report.runs).toBe(2);
    expect(report.events[0]!.wall).toMatchObject({ p50: 31, max: 46 });
  });

  test('the text report shows the numbers and the corrupt-line count', async () => {
    const dir = tempDir();
    writeKnownStore(dir);
    const text = formatReport(await loadReport({ dir }));
    expect(text).toContain('UserPromptSubmit: 4 runs · wall p50 31 ms, p95 52 ms · one after another p50 50 ms, p95 90 ms · saved 80 ms (20 ms per run)');
    expect(text).toMatch(/^ {2}a +4 +20 ms +40 ms +40 ms +0 +1 +0 +0$/m);
    expect(text).toMatch(/^ {2}b +3 +20 ms +30 ms +30 ms +0 +0 +0 +1$/m);
    expect(text).toContain('2 corrupt lines skipped');
  });
});
