// offload's cost and budgets against llm-sim's reader over real HTTP, the sim billing a price.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { PriceTable } from '@fanout/oracle';
import { OffloadBudgetError } from './errors.js';
import { offload } from './offload.js';
import { NEEDLE_QUESTION, writeCorpus } from './test-helpers/corpus.js';
import { runCli } from './test-helpers/cli.js';
import { withTempDir } from './test-helpers/tmp.js';

const PRICE = { input: 2, cached_input: 0.5, output: 8 };
let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ latencyMs: { min: 5, max: 40 }, prices: { 'sim-1': PRICE } });
});
afterEach(() => sim.resetStats());
afterAll(() => sim.close());

const table = new PriceTable();
table.add({ providers: { sim: { models: { 'sim-1': PRICE } } } }, 'project', 'test');
const connect = () => ({ provider: 'sim', baseUrl: sim.baseURL, model: 'sim-1', prices: table });
const cliConnect = () => ['--provider', 'sim', '--base-url', sim.baseURL, '--model', 'sim-1'];

function pricedProject(dir: string): void {
  mkdirSync(path.join(dir, '.fanout'), { recursive: true });
  writeFileSync(path.join(dir, '.fanout', 'prices.json'), JSON.stringify({ providers: { sim: { free: false, models: { 'sim-1': PRICE } } } }));
}

interface Stats {
  cost_usd: number;
  map_calls: number;
  reduce_calls: number;
  usage: { prompt_tokens: number; completion_tokens: number };
}

interface Plan {
  calls: number;
  est_prompt_tokens: number;
  est_cost_usd: number;
  max_cost_usd: number;
}

describe('offload cost', () => {
  test('the run costs what the sim billed; --dry-run is within ±10 % of it, answers at the readers’ length', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 200, linesPerFile: 40, every: 20 });
      pricedProject(dir);
      const run = await runCli([NEEDLE_QUESTION, 'src', '--json', '--no-cache', '--chunk-tokens', '1500', ...cliConnect()], { cwd: dir });
      expect(run.code).toBe(0);
      const { stats } = JSON.parse(run.stdout) as { stats: Stats };
      const billed = sim.stats().usage;
      expect(stats.cost_usd).toBeCloseTo(billed.cost_usd, 9);
      expect(stats.usage.prompt_tokens).toBe(billed.prompt_tokens);
      expect(run.stderr).toMatch(/tokens billed, \$[\d.e-]+\n/);
      // The estimate is given the readers' mean answer (what --expect-output-tokens says): prompts, chunks,
      // calls and the reduce are its own.
      const readerAnswer = Math.round(stats.usage.completion_tokens / (stats.map_calls + stats.reduce_calls));
      const flags = ['--dry-run', '--json', '--no-cache', '--chunk-tokens', '1500', '--expect-output-tokens', String(readerAnswer)];
      const dry = await runCli([NEEDLE_QUESTION, 'src', ...flags, ...cliConnect()], { cwd: dir });
      const plan = JSON.parse(dry.stdout) as Plan;
      expect(plan.calls).toBe(stats.map_calls + 1);
      expect(Math.abs(plan.est_prompt_tokens - stats.usage.prompt_tokens) / stats.usage.prompt_tokens).toBeLessThanOrEqual(0.1);
      expect(Math.abs(plan.est_cost_usd - stats.cost_usd) / stats.cost_usd).toBeLessThanOrEqual(0.1);
      expect(plan.max_cost_usd).toBeGreaterThan(plan.est_cost_usd);
    }));

  test('a budget stops the readers before they cross it; the same run with a higher limit continues from the cache', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 200, linesPerFile: 40, every: 20 });
      const cacheDir = path.join(dir, 'cache');
      const base = { ...connect(), question: NEEDLE_QUESTION, paths: ['src'], cwd: dir, cacheDir, chunkTokens: 1500, concurrency: 8, expectOutputTokens: 40 };
      const full = await offload({ ...base, cacheDir: false });
      sim.resetStats();
      const limit = full.stats.cost_usd! / 3;
      const stopped = await offload({ ...base, limits: { maxCostUsd: limit } }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(OffloadBudgetError);
      const error = stopped as OffloadBudgetError;
      expect(error).toMatchObject({ code: 'E_BUDGET', limit: 'max-cost', unread: true });
      expect(error.read).toBeGreaterThan(0);
      expect(error.read).toBeLessThan(full.stats.chunks);
      // Within the limit plus at most the wave in flight (8 reader calls).
      const perCall = full.stats.cost_usd! / full.stats.calls;
      expect(sim.stats().usage.cost_usd).toBeLessThanOrEqual(limit + 8 * perCall * 1.5);
      expect(error.spent.usd).toBeCloseTo(sim.stats().usage.cost_usd, 9);

      const resumed = await offload({ ...base, limits: { maxCostUsd: full.stats.cost_usd! * 2 } });
      expect(resumed.stats.cache_hits).toBeGreaterThan(0);
      expect(resumed.stats.map_calls).toBe(full.stats.map_calls - error.read);
      expect(resumed.findings.map((f) => f.file)).toEqual(full.findings.map((f) => f.file));
    }));

  test('the CLI refuses a run whose estimate is over the limit, before anything is sent (exit 4)', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 50, linesPerFile: 40, every: 10 });
      pricedProject(dir);
      const run = await runCli([NEEDLE_QUESTION, 'src', '--no-cache', '--max-cost', '0.0000001', ...cliConnect()], { cwd: dir });
      expect(run.code).toBe(4);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^offload: not started: the estimate \(\$[\d.e-]+ > --max-cost \$[\d.e-]+, \d+ calls\) is over the budget; nothing was spent/);
      expect(sim.stats().requests).toBe(0);
      const unpriced = await runCli([NEEDLE_QUESTION, 'src', '--no-cache', '--max-cost', '1', '--base-url', sim.baseURL, '--model', 'sim-1'], { cwd: dir });
      expect(unpriced.code).toBe(2);
      expect(unpriced.stderr).toMatch(/^offload: --max-cost needs a price: cost unknown \(no price for openai\/sim-1/);
    }));
});
