import { describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { findPersonas } from '@fanout/oracle';
import { RateLimiter } from '@fanout/parallel-core';
import { EarlyStop } from './early-stop.js';
import { createExtractor } from './extract.js';
import { runSwarm } from './run-swarm.js';
import { eventually, withSim } from './test-helpers/sim.js';
import { withTempDir } from './test-helpers/tmp.js';
import type { ResultRecord } from './result-record.js';
import { promptSource } from './work-items.js';

function idsOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id);
}

const SPLIT_70_30 = [{ replies: [{ content: 'Thinking…\nAnswer: Paris', weight: 7 }, { content: 'Hmm.\nAnswer: london.', weight: 3 }] }];

describe('runSwarm against llm-sim', () => {
  test('reaches exactly --concurrency requests in flight and writes one whole line per item', () =>
    withTempDir((t) =>
      withSim({ latencyMs: 40 }, 25, async ({ sim, client }) => {
        const out = t.file('r.jsonl');
        const report = await runSwarm({ client, source: promptSource('hello', 200, []), concurrency: 25, out });
        expect(report).toMatchObject({ n: 200, ok: 200, failed: 0 });
        expect(sim.stats().peakInFlight).toBe(25);
        const ids = idsOf(out);
        expect(ids).toHaveLength(200);
        expect(new Set(ids).size).toBe(200);
        const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as Record<string, unknown>;
        expect(Object.keys(first)).toEqual(['id', 'persona', 'content', 'usage', 'ms', 'attempts']);
        expect(report.latency_ms.p50).toBeGreaterThanOrEqual(40);
        expect(report.tokens.completion).toBeGreaterThan(0);
      }),
    ));

  test('with 5% of answers 500, every item still succeeds within its retries', () =>
    withSim({ errorRate: 0.05, latencyMs: 2 }, 20, async ({ sim, client }) => {
      const report = await runSwarm({ client, source: promptSource('hi', 400, []), concurrency: 20, retries: 5 });
      expect(report).toMatchObject({ ok: 400, failed: 0 });
      expect(sim.stats().statuses['500']).toBeGreaterThan(0);
      expect(report.retried).toBe(sim.stats().statuses['500']);
    }));

  test('under a 429 storm the run completes, and the adaptive limit drops then recovers', () =>
    withSim(
      {
        latencyMs: 5,
        rules: [
          { status: 429, times: 40, headers: { 'retry-after-ms': '20', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20ms' } },
          { reply: 'ok' },
        ],
      },
      16,
      async ({ sim, client }) => {
        const limits: number[] = [];
        const report = await runSwarm({
          client,
          source: promptSource('hi', 400, []),
          concurrency: 16,
          retries: 10,
          onLimitChange: (limit) => limits.push(limit),
        });
        expect(report).toMatchObject({ ok: 400, failed: 0 });
        expect(sim.stats().statuses['429']).toBe(40);
        const lowest = Math.min(...limits);
        expect(lowest).toBeLessThan(16);
        expect(report.min_concurrency).toBe(lowest);
        // Recovery: after the lowest point the limit grew again.
        expect(limits.slice(limits.indexOf(lowest))).toContain(lowest + 1);
        expect(report.final_concurrency).toBeGreaterThan(lowest);
      },
    ));

  test('a 70/30 scripted split is tallied near 70/30 with the right winner', () =>
    withSim({ rules: SPLIT_70_30 }, 50, async ({ client }) => {
      const report = await runSwarm({ client, source: promptSource('Capital of France?', 1000, []), extract: createExtractor() });
      expect(report.winner).toBe('paris');
      expect(Object.keys(report.votes!)).toEqual(['paris', 'london']);
      expect(report.agreement).toBeGreaterThan(0.65);
      expect(report.agreement).toBeLessThan(0.75);
      expect(report.votes!.paris! + report.votes!.london!).toBe(1000);
    }));

  test('early stop ends well before N on a lopsided split and cancels the requests in flight', () =>
    withSim(
      {
        latencyMs: { min: 20, max: 300 },
        rules: [
          {
            replies: [
              { content: 'Answer: 4', weight: 9 },
              { content: 'Answer: 5', weight: 1 },
            ],
          },
        ],
      },
      40,
      async ({ sim, client }) => {
        const report = await runSwarm({
          client,
          source: promptSource('2+2?', 2000, []),
          concurrency: 40,
          extract: createExtractor(),
          earlyStop: new EarlyStop({ confidence: 0.99, minSamples: 20 }),
        });
        expect(report.early_stopped).toBe(true);
        expect(report.stop_reason).toBe('confident');
        expect(report.winner).toBe('4');
        expect(report.ok).toBeLessThan(200);
        expect(report.saved_calls).toBe(2000 - report.ok - report.failed);
        expect(report.cancelled).toBeGreaterThan(0);
        const stats = await eventually(
          () => sim.stats(),
          (s) => s.inFlight === 0,
          5000,
        );
        expect(stats.aborted).toBeGreaterThan(0);
        expect(stats.requests).toBeLessThan(300);
      },
    ));

  test('resume skips ids already written, drops a torn last line, and re-tallies earlier votes', () =>
    withTempDir((t) =>
      withSim({ rules: SPLIT_70_30 }, 10, async ({ client }) => {
        const out = t.file('r.jsonl');
        const earlier = [0, 1, 2, 3, 4].map((i) => JSON.stringify({ id: String(i), persona: null, content: 'Answer: Paris', usage: null, ms: 1, attempts: 1 }));
        // A line from another run's config (id 999 is not in this work) and a torn last line.
        writeFileSync(out, `${earlier.join('\n')}\n{"id":"999","content":"x"}\n{"id":"5","persona":null,"con`);
        const report = await runSwarm({ client, source: promptSource('q', 20, []), out, resume: true, extract: createExtractor() });
        expect(report).toMatchObject({ n: 20, ok: 15, failed: 0, skipped: 5 });
        expect(Object.values(report.votes!).reduce((a, b) => a + b, 0)).toBe(20);
        const ids = idsOf(out);
        expect(ids.filter((id) => id !== '999').sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    ));

  test('items crossed with personas carry each persona’s system prompt, id suffix and answer', () =>
    withSim(
      {
        rules: [
          { match: { persona: 'judge' }, reply: 'Answer: yes' },
          { match: { persona: 'critic' }, reply: 'Answer: no' },
        ],
      },
      10,
      async ({ client }) => {
        const names = ['judge', 'critic'];
        const found = await findPersonas(names);
        const personas = new Map(names.map((name, i) => [name, found[i]!]));
        const records: ResultRecord[] = [];
        const report = await runSwarm({
          client,
          source: promptSource('ship it?', 5, names),
          personas,
          extract: createExtractor(),
          onResult: (r) => records.push(r),
        });
        expect(report).toMatchObject({ n: 10, ok: 10, votes: { yes: 5, no: 5 } });
        for (const r of records) {
          expect(r.id).toBe(`${r.id.split(':')[0]}:${r.persona}`);
          expect(r.answer).toBe(r.persona === 'judge' ? 'yes' : 'no');
        }
      },
    ));

  test('a per-attempt timeout aborts the request (the server sees it closed), retries, then records the failure', () =>
    withSim({ latencyMs: 2000 }, 6, async ({ sim, client }) => {
      const records: ResultRecord[] = [];
      const report = await runSwarm({
        client,
        source: promptSource('slow', 6, []),
        concurrency: 6,
        timeoutMs: 150,
        retries: 1,
        onResult: (r) => records.push(r),
      });
      expect(report).toMatchObject({ ok: 0, failed: 6, retried: 6 });
      for (const r of records) {
        expect(r.attempts).toBe(2);
        expect(r.error).toMatch(/time/i);
      }
      // Every attempt that reached the server was closed by the client (one still connecting when its
      // time ran out never arrives); none was answered.
      const stats = await eventually(
        () => sim.stats(),
        (s) => s.inFlight === 0,
        5000,
      );
      expect(stats.completed).toBe(0);
      expect(stats.aborted).toBe(stats.requests);
      expect(stats.aborted).toBeGreaterThanOrEqual(6);
    }));

  test('x-ratelimit-remaining-requests: 0 on an answer pauses new calls until x-ratelimit-reset-requests', () =>
    withSim(
      { rules: [{ times: 1, reply: 'first', headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '400ms' } }, { reply: 'ok' }] },
      1,
      async ({ client }) => {
        const finished: number[] = [];
        const start = performance.now();
        const report = await runSwarm({
          client,
          source: promptSource('q', 3, []),
          concurrency: 1,
          rateLimit: new RateLimiter({ requestsPerMinute: 1e9 }),
          onResult: () => finished.push(performance.now() - start),
        });
        expect(report.ok).toBe(3);
        // The second call waited for the reset the first answer announced.
        expect(finished[1]! - finished[0]!).toBeGreaterThanOrEqual(380);
      },
    ));

  test('an unknown model stops the run at the first answer, with oracle’s error listing the models', () =>
    withSim({}, 5, async ({ sim, client }) => {
      const run = runSwarm({ client, source: promptSource('q', 500, []), concurrency: 5, model: 'gpt-nope' });
      await expect(run).rejects.toMatchObject({ code: 'UNKNOWN_MODEL' });
      await expect(run).rejects.toThrow(/sim-1/);
      expect(sim.stats().requests).toBeLessThan(50);
    }));
});
