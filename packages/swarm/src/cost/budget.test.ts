// Budgets on a real llm-sim over HTTP: a stop overshoots by at most the wave in flight, keeps every
// completed result, and --resume with a higher limit finishes the work with no id lost or doubled.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CostMeter, PriceTable } from '@fanout/oracle';
import { runSwarm } from '../run-swarm.js';
import { eventually, withSim } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';
import { promptSource } from '../work-items.js';
import type { SwarmCost } from './swarm-cost.js';

// Dear enough that a run of a few hundred calls crosses a limit of a few dollars.
const PRICE = { input: 1000, cached_input: 250, output: 2000 };
const REPLY = 'x'.repeat(200); // 50 tokens
const PROMPT = 'Pick one.'; // 3 tokens
const CALL_USD = (3 * PRICE.input + 50 * PRICE.output) / 1e6;

function cost(): SwarmCost {
  const table = new PriceTable();
  table.add({ providers: { sim: { models: { 'sim-1': PRICE } } } }, 'project', 'test');
  return { meter: new CostMeter({ table, provider: 'sim' }), model: () => 'sim-1' };
}

interface Line {
  id: string;
  content: string | null;
  cost_usd?: number;
  error?: string;
}

function lines(file: string): Line[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

describe('swarm budgets', () => {
  test('finish: stops scheduling at the limit, overshoots by at most the wave in flight, resumes to the end', () =>
    withTempDir((t) =>
      withSim({ latencyMs: 20, rules: [{ reply: REPLY }], prices: { 'sim-1': PRICE } }, 10, async ({ sim, client }) => {
        const out = t.file('r.jsonl');
        const n = 300;
        const limit = 60 * CALL_USD + CALL_USD / 2;
        const base = { client, source: promptSource(PROMPT, n, []), concurrency: 10, out, cost: cost() };
        const first = await runSwarm({ ...base, budget: { limits: { maxCostUsd: limit }, expectedOutput: 50 } });
        expect(first.budget).toMatchObject({ max_cost_usd: limit, stopped: 'max-cost' });
        const billed = sim.stats().usage.cost_usd;
        // Every call that was sent finished and was kept: what the file says is what the sim billed.
        expect(first.ok).toBe(sim.stats().requests);
        expect(first.budget!.spent_usd).toBeCloseTo(billed, 9);
        expect(first.cost_usd).toBeCloseTo(billed, 9);
        expect(billed).toBeLessThanOrEqual(limit + 10 * CALL_USD + 1e-9);
        // The estimate was right here (every call costs the same), so nothing crossed at all.
        expect(billed).toBeLessThanOrEqual(limit + 1e-9);
        expect(first.budget!.not_started).toBe(n - first.ok);
        const kept = lines(out);
        expect(kept).toHaveLength(first.ok);
        expect(kept.every((l) => l.content === REPLY && l.cost_usd! > 0)).toBe(true);

        const second = await runSwarm({ ...base, resume: true, budget: { limits: { maxCostUsd: n * CALL_USD * 1.01 }, expectedOutput: 50 } });
        expect(second.budget!.stopped).toBeUndefined();
        expect(second).toMatchObject({ ok: n - first.ok, skipped: first.ok });
        // The limit counts the whole work: the first run's records are part of what was spent.
        expect(second.budget!.spent_usd).toBeCloseTo(sim.stats().usage.cost_usd, 9);
        const ids = lines(out).map((l) => l.id);
        expect(ids).toHaveLength(n);
        expect(new Set(ids).size).toBe(n);
      }),
    ));

  test('cancel: the calls in flight are aborted, only completed results are kept, and --resume finishes', () =>
    withTempDir((t) =>
      // Latencies spread out, so that when the budget stops, the other calls are at every stage of flight.
      withSim({ latencyMs: { min: 50, max: 400 }, rules: [{ reply: REPLY }], prices: { 'sim-1': PRICE } }, 8, async ({ sim, client }) => {
        const out = t.file('r.jsonl');
        const n = 60;
        const cancelAt = (calls: number) => ({ limits: { maxCostUsd: calls * CALL_USD + CALL_USD / 2 }, onBudget: 'cancel' as const, expectedOutput: 50 });
        // A first run takes the abort path once: its first use in this process is slow enough (loading,
        // compiling) for answers to arrive before the requests close, which says nothing about swarm.
        await runSwarm({ client, source: promptSource('warm-up', 20, []), concurrency: 8, cost: cost(), budget: cancelAt(10) });
        await eventually(() => sim.stats().inFlight, (inFlight) => inFlight === 0);
        sim.resetStats();
        const base = { client, source: promptSource(PROMPT, n, []), concurrency: 8, out, cost: cost() };
        // Room for 20 calls: the calls in flight when the 21st is refused are cancelled.
        const first = await runSwarm({ ...base, budget: cancelAt(20) });
        expect(first.budget!.stopped).toBe('max-cost');
        expect(first.cancelled).toBeGreaterThan(0);
        expect(first.interrupted).toBeUndefined();
        // Each call started was either kept or cancelled (some before their request left); the server
        // saw the cancelled ones close, but for answers already on their way back when the budget
        // stopped (those it billed, and we threw away).
        const stats = await eventually(() => sim.stats(), (s) => s.inFlight === 0);
        expect(stats.requests).toBeLessThanOrEqual(first.ok + first.cancelled!);
        expect(stats.completed).toBeGreaterThanOrEqual(first.ok);
        expect(stats.aborted).toBeGreaterThan(0);
        expect(stats.aborted).toBeLessThanOrEqual(first.cancelled!);
        const kept = lines(out);
        expect(kept).toHaveLength(first.ok);
        expect(kept.every((l) => l.content === REPLY && l.error === undefined)).toBe(true);
        expect(stats.usage.cost_usd).toBeLessThanOrEqual(20 * CALL_USD + CALL_USD / 2 + 8 * CALL_USD + 1e-9);

        const second = await runSwarm({ ...base, resume: true });
        expect(second.ok).toBe(n - first.ok);
        const ids = lines(out).map((l) => l.id);
        expect(ids.sort()).toEqual(Array.from({ length: n }, (_, i) => String(i)).sort());
      }),
    ));

  test('a token budget stops the same way, counting prompt and answer tokens', () =>
    withSim({ latencyMs: 5, rules: [{ reply: REPLY }] }, 4, async ({ sim, client }) => {
      const report = await runSwarm({
        client,
        source: promptSource(PROMPT, 100, []),
        concurrency: 4,
        budget: { limits: { maxTokens: 1000 }, expectedOutput: 50 },
      });
      expect(report.budget).toMatchObject({ max_total_tokens: 1000, stopped: 'max-total-tokens' });
      const billed = sim.stats().usage;
      expect(report.budget!.spent_tokens).toBe(billed.prompt_tokens + billed.completion_tokens);
      expect(report.budget!.spent_tokens).toBeLessThanOrEqual(1000);
      expect(report.ok).toBe(Math.floor(1000 / 53));
    }));
});
