import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startSim } from '@fanout/llm-sim';
import { isFlexUnavailable, isRateLimitSignal } from './flex.js';
import { runSwarm } from './run-swarm.js';
import { runCli } from './test-helpers/cli.js';
import { withSim } from './test-helpers/sim.js';
import { withTempDir } from './test-helpers/tmp.js';
import { promptSource } from './work-items.js';

const QUICK = { minDelayMs: 2, maxDelayMs: 20 };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('--flex: OpenAI flex processing against llm-sim', () => {
  test('a flex "Resource Unavailable" 429 is told apart from a rate limit (real answers of the sim)', async () => {
    await withSim({ flexUnavailableRate: 1 }, 2, async ({ client }) => {
      const unavailable = await failure(client.chat({ messages: [{ role: 'user', content: 'q' }], serviceTier: 'flex' }));
      expect(isFlexUnavailable(unavailable)).toBe(true);
      expect(isRateLimitSignal(unavailable)).toBe(false);
    });
    await withSim({ rpm: 1 }, 2, async ({ client }) => {
      await client.chat({ messages: [{ role: 'user', content: 'q' }] });
      const limited = await failure(client.chat({ messages: [{ role: 'user', content: 'q' }] }));
      expect(isFlexUnavailable(limited)).toBe(false);
      expect(isRateLimitSignal(limited)).toBe(true);
    });
  });

  test('unavailable answers are retried with backoff until answered, and never cut the concurrency', () =>
    withSim({ flexUnavailableRate: 0.4, latencyMs: 5 }, 20, async ({ sim, client }) => {
      const report = await runSwarm({ client, source: promptSource('q', 300, []), concurrency: 20, flex: true, flexRetry: { ...QUICK, retries: 30 } });
      expect(report).toMatchObject({ ok: 300, failed: 0 });
      const turnedAway = sim.stats().statuses['429'] ?? 0;
      expect(turnedAway).toBeGreaterThan(50);
      expect(report.retried).toBe(turnedAway);
      expect(report.min_concurrency).toBeUndefined();
    }));

  test('the same share of ordinary 429s does cut it (AIMD still sees rate limits)', () =>
    withSim({ rules: [{ match: { user: '^q' }, status: 429, reply: 'Rate limit reached', times: 60 }], latencyMs: 5 }, 20, async ({ client }) => {
      const report = await runSwarm({ client, source: promptSource('q', 300, []), concurrency: 20, retries: 10, flex: true, flexRetry: QUICK });
      expect(report.ok).toBe(300);
      expect(report.min_concurrency).toBeLessThan(20);
    }));

  test('when flex stays unavailable the item fails after flex’s own retries, without --retries on top', () =>
    withTempDir((t) =>
      withSim({ flexUnavailableRate: 1 }, 5, async ({ sim, client }) => {
        const out = t.file('r.jsonl');
        const report = await runSwarm({
          client,
          source: promptSource('q', 10, []),
          concurrency: 5,
          retries: 5,
          out,
          flex: true,
          flexRetry: { ...QUICK, retries: 2 },
        });
        expect(report).toMatchObject({ ok: 0, failed: 10 });
        expect(sim.stats().statuses['429']).toBe(30); // 10 items × (1 + 2 flex retries), no pool retries
        const lines = readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { error: string });
        expect(lines.every((l) => l.error.includes('Resource Unavailable'))).toBe(true);
      }),
    ));

  test('swarm --flex (built binary): asks for the flex tier and rides out its unavailable answers', () =>
    withTempDir(async (t) => {
      const sim = await startSim({ flexUnavailableRate: 0.3, latencyMs: 5 });
      try {
        const r = await runCli(['q', '--n', '60', '--flex', '--base-url', sim.baseURL, '--model', 'sim-1', '--json', '--out', t.file('r.jsonl')]);
        expect(r.code).toBe(0);
        const summary = JSON.parse(r.stdout) as { ok: number; retried?: number; min_concurrency?: number };
        const turnedAway = sim.stats().statuses['429'] ?? 0;
        expect(turnedAway).toBeGreaterThan(0); // only service_tier "flex" requests are ever turned away
        expect(summary).toMatchObject({ ok: 60, retried: turnedAway });
        expect(summary.min_concurrency).toBeUndefined();
      } finally {
        await sim.close();
      }
    }));
});
