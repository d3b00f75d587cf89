// swarm's cost flags as a user runs them: the built binary against a real llm-sim that bills a price
// and caches prompt prefixes. Needs dist/ (run the build first).
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { tokenizerFor } from '@fanout/oracle';
import { runCli } from '../test-helpers/cli.js';
import { tempDir } from '../test-helpers/tmp.js';

const PRICE = { input: 2, cached_input: 0.5, output: 8 };
// A shared instruction long enough for the prompt cache (~1,500 tokens), sent first in every call.
const SYSTEM = 'Classify the support ticket below by urgency: low, normal or high. Explain in one line. '.repeat(70);
const REPLY = 'y'.repeat(400); // 100 tokens

let sim: SimServer;
const t = tempDir('swarm-cost-');

beforeAll(async () => {
  if (!existsSync(path.resolve(import.meta.dirname, '../../dist/cli.js'))) throw new Error('build swarm first (dist/cli.js is missing)');
  sim = await startSim({ prices: { 'sim-1': PRICE }, rules: [{ reply: REPLY }], latencyMs: 5, batchDelayMs: 50 });
  mkdirSync(path.join(t.dir, '.fanout'));
  const models = { 'sim-1': PRICE, 'gpt-4o-mini': PRICE };
  writeFileSync(path.join(t.dir, '.fanout', 'prices.json'), JSON.stringify({ providers: { sim: { free: false, models } } }));
  const tickets = Array.from({ length: 120 }, (_, i) => ({ id: `t${i}`, prompt: `Ticket ${i}: ${'the export fails again. '.repeat(1 + (i % 7))}` }));
  writeFileSync(t.file('tickets.jsonl'), tickets.map((ticket) => JSON.stringify(ticket)).join('\n'));
});
afterEach(() => {
  sim.setOptions({ promptCache: {} });
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
  t.remove();
});

const swarm = (...args: string[]) => runCli(['--provider', 'sim', '--base-url', sim.baseURL, '--model', 'sim-1', ...args], t.dir);

interface Summary {
  ok: number;
  cost_usd: number | null;
  cache_hit_share: number;
  tokens: { prompt: number; completion: number; cached: number };
  budget?: { stopped?: string; spent_usd: number; not_started?: number };
}

function records(file: string): { id: string; usage: { cached_tokens?: number }; cost_usd?: number }[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('swarm cost', () => {
  test('--dry-run: within ±10 % of what the run cost; the cache share is the sim’s; records carry their cost', async () => {
    const work = ['--input', 'tickets.jsonl', '--system', SYSTEM, '--concurrency', '10'];
    const dry = await swarm(...work, '--out', 'dry.jsonl', '--dry-run', '--json', '--expect-output-tokens', '100');
    expect(dry.code).toBe(0);
    expect(sim.stats().requests).toBe(0);
    expect(existsSync(t.file('dry.jsonl'))).toBe(false);
    const estimate = JSON.parse(dry.stdout) as { calls: number; cost_usd: number; cached_tokens: number; cache_hit_share: number };
    expect(estimate.calls).toBe(120);

    const run = await swarm(...work, '--out', 'r.jsonl', '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    const billed = sim.stats().usage;
    expect(summary.cost_usd).toBeCloseTo(billed.cost_usd, 9);
    expect(summary.tokens.cached).toBe(billed.cached_tokens);
    expect(summary.cache_hit_share).toBeCloseTo(billed.cached_tokens / billed.prompt_tokens, 3);
    expect(summary.cache_hit_share).toBeGreaterThan(0.5);
    expect(Math.abs(estimate.cost_usd - summary.cost_usd!) / summary.cost_usd!).toBeLessThanOrEqual(0.1);
    expect(Math.abs(estimate.cache_hit_share - summary.cache_hit_share)).toBeLessThanOrEqual(0.05);
    const lines = records(t.file('r.jsonl'));
    expect(lines.reduce((sum, l) => sum + l.cost_usd!, 0)).toBeCloseTo(billed.cost_usd, 9);
    expect(lines.reduce((sum, l) => sum + (l.usage.cached_tokens ?? 0), 0)).toBe(billed.cached_tokens);
  });

  test('--max-cost: exit 4 with every completed result kept; --resume with the limit it suggests finishes, no id lost or doubled', async () => {
    const work = ['--n', '200', '--concurrency', '8', '--expect-output-tokens', '100', '--out', 'b.jsonl', 'Which option?'];
    const full = JSON.parse((await swarm(...work, '--dry-run', '--json')).stdout) as { cost_usd: number };
    const stopped = await swarm(...work, '--json', '--max-cost', String(full.cost_usd / 3));
    expect(stopped.code).toBe(4);
    const first = JSON.parse(stopped.stdout) as Summary;
    expect(first.budget).toMatchObject({ stopped: 'max-cost' });
    expect(first.budget!.not_started).toBe(200 - first.ok);
    expect(records(t.file('b.jsonl'))).toHaveLength(first.ok);
    // At most the wave in flight (8 calls of ~103 tokens) past the limit.
    expect(sim.stats().usage.cost_usd).toBeLessThanOrEqual(full.cost_usd / 3 + (8 * full.cost_usd) / 200 + 1e-9);
    const hint = /finish it with --resume and a higher limit, e\.g\. --max-cost ([\d.e-]+)\n$/.exec(stopped.stderr);
    expect(hint).not.toBeNull();
    const resumed = await swarm(...work, '--json', '--resume', '--max-cost', hint![1]!);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: 200 - first.ok, skipped: first.ok });
    const ids = records(t.file('b.jsonl')).map((r) => r.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  test('--batch-api: answers at half price, estimated and accounted alike', async () => {
    const work = ['--n', '40', '--expect-output-tokens', '100', '--out', 'batch.jsonl', '--batch-api', '--state-dir', 'batch-state', '--poll-ms', '20'];
    const directRun = await swarm('--n', '40', '--expect-output-tokens', '100', '--out', 'd.jsonl', '--dry-run', '--json', 'Rate this.');
    const direct = JSON.parse(directRun.stdout) as { cost_usd: number };
    const dry = JSON.parse((await swarm(...work, '--dry-run', '--json', 'Rate this.')).stdout) as { cost_usd: number; batch_api: boolean };
    expect(dry.batch_api).toBe(true);
    expect(dry.cost_usd).toBeCloseTo(direct.cost_usd / 2, 9);
    const run = await swarm(...work, '--json', 'Rate this.');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.ok).toBe(40);
    expect(summary.cost_usd).toBeCloseTo(sim.stats().usage.cost_usd, 9);
    expect(Math.abs(dry.cost_usd - summary.cost_usd!) / summary.cost_usd!).toBeLessThanOrEqual(0.1);
    expect(records(t.file('batch.jsonl')).every((r) => r.cost_usd! > 0)).toBe(true);
  });

  test('--flex: billed at the flex tier’s price (half, as the Batch API), estimated and accounted alike', async () => {
    sim.setOptions({ flexUnavailableRate: 0 });
    try {
      const work = ['--n', '40', '--system', SYSTEM, '--expect-output-tokens', '100', '--out', 'flex.jsonl'];
      const standard = JSON.parse((await swarm(...work, '--dry-run', '--json', 'Rate this.')).stdout) as { cost_usd: number };
      const dry = JSON.parse((await swarm(...work, '--flex', '--dry-run', '--json', 'Rate this.')).stdout) as { cost_usd: number; flex: boolean };
      expect(dry.flex).toBe(true);
      expect(dry.cost_usd).toBeCloseTo(standard.cost_usd / 2, 9);
      const run = await swarm(...work, '--flex', '--json', 'Rate this.');
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as Summary;
      expect(summary.tokens.cached).toBeGreaterThan(0);
      expect(summary.cost_usd).toBeCloseTo(sim.stats().usage.cost_usd, 9);
      expect(Math.abs(dry.cost_usd - summary.cost_usd!) / summary.cost_usd!).toBeLessThanOrEqual(0.1);
    } finally {
      sim.setOptions({ flexUnavailableRate: 0.05 });
    }
  });

  test('an OpenAI model is estimated with its tokenizer, within ±10 % of a sim that bills with it too', async () => {
    const billing = await startSim({ models: ['gpt-4o-mini'], tokenizer: tokenizerFor, prices: { 'gpt-4o-mini': PRICE }, rules: [{ reply: REPLY }] });
    try {
      const work = ['--provider', 'sim', '--base-url', billing.baseURL, '--model', 'gpt-4o-mini', '--input', 'tickets.jsonl', '--system', SYSTEM];
      // The answer's length in the model's tokens, as a user would expect it.
      const answer = tokenizerFor('gpt-4o-mini')!.count(REPLY);
      const dry = await runCli([...work, '--out', 'o.jsonl', '--dry-run', '--json', '--expect-output-tokens', String(answer)], t.dir);
      const estimate = JSON.parse(dry.stdout) as { cost_usd: number; prompt_tokens: number; tokenizers: Record<string, string> };
      expect(estimate.tokenizers).toEqual({ 'gpt-4o-mini': 'o200k_base' });
      const run = await runCli([...work, '--out', 'o.jsonl', '--json'], t.dir);
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as Summary;
      const billed = billing.stats().usage;
      expect(summary.tokens.prompt).toBe(billed.prompt_tokens);
      expect(estimate.prompt_tokens).toBe(billed.prompt_tokens);
      expect(Math.abs(estimate.cost_usd - summary.cost_usd!) / summary.cost_usd!).toBeLessThanOrEqual(0.1);
      // At 4 characters per token (a model of no known family) the same prompts count otherwise.
      const approximate = await runCli([...work.slice(0, 4), '--model', 'sim-1', ...work.slice(6), '--out', 'o.jsonl', '--dry-run', '--json'], t.dir);
      expect((JSON.parse(approximate.stdout) as { prompt_tokens: number }).prompt_tokens).not.toBe(billed.prompt_tokens);
    } finally {
      await billing.close();
    }
  });

  test('a batch over the budget is not submitted; budgets that cannot be kept are usage errors', async () => {
    const batch = await swarm('--n', '50', '--batch-api', '--state-dir', 'batches', '--out', 'x.jsonl', '--max-cost', '0.000001', 'q');
    expect(batch.code).toBe(4);
    expect(batch.stderr).toMatch(/^swarm: not submitted: the batch's estimate \(\$[\d.e-]+ > --max-cost \$[\d.e-]+, answers at 300 tokens each\)/);
    expect(existsSync(t.file('batches')) ? readdirSync(t.file('batches')) : []).toEqual([]);
    const cases: [string[], RegExp][] = [
      [['--n', '5', '--batch-api', '--out', 'x.jsonl', '--max-cost', '1', '--on-budget', 'cancel', 'q'], /--on-budget cannot be used with --batch-api/],
      [['--n', '5', '--out', 'x.jsonl', '--on-budget', 'cancel', 'q'], /--on-budget needs --max-cost or --max-total-tokens/],
      [['--n', '5', '--out', 'x.jsonl', '--max-total-tokens', '0', 'q'], /--max-total-tokens must be an integer ≥ 1/],
    ];
    for (const [args, message] of cases) {
      const run = await swarm(...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    // Through --base-url alone, sim-1 is an "openai" model the price table does not know.
    const unpriced = await runCli(['--base-url', sim.baseURL, '--model', 'sim-1', '--n', '5', '--out', 'x.jsonl', '--max-cost', '1', 'q'], t.dir);
    expect(unpriced.code).toBe(2);
    expect(unpriced.stderr).toMatch(/^swarm: --max-cost needs a price: cost unknown \(no price for openai\/sim-1/);
    expect(sim.stats().requests).toBe(0);
  });
});
