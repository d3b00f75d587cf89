// oracle's cost flags as a user runs them: the built CLI against a real llm-sim that bills a price.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, type NodeRun } from './test-helpers/node-run.js';

const BIN = fileURLToPath(new URL('../bin/oracle.js', import.meta.url));
const PRICE = { input: 2, cached_input: 0.5, output: 8 };
// Context long enough for the prompt cache (over 1,024 tokens), shared by every persona's request.
const CONTEXT = 'Orders are sharded by customer id; invoices join orders by order id. '.repeat(80);

let sim: SimServer;
let dir: string;

function oracle(args: string[], input?: string): Promise<NodeRun> {
  return runNode([BIN, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: dir }, input });
}

const simArgs = () => ['--provider', 'sim', '--base-url', sim.baseURL, '--model', 'sim-1'];

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) throw new Error('build @fanout/oracle first (dist/cli.js is missing)');
  sim = await startSim({ prices: { 'sim-1': PRICE } });
  dir = await mkdtemp(path.join(tmpdir(), 'oracle-cost-'));
  // The project prices sim-1 as the sim bills it.
  await mkdir(path.join(dir, '.fanout'));
  await writeFile(path.join(dir, '.fanout', 'prices.json'), JSON.stringify({ providers: { sim: { free: false, models: { 'sim-1': PRICE } } } }));
});
afterEach(() => {
  sim.setOptions({ rules: [], promptCache: {} });
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('oracle cost', () => {
  test('--dry-run prints calls, tokens and cost, sends nothing, and needs no key', async () => {
    const run = await oracle(['--dry-run', '--batch', 'judge,critic', '--model', 'gpt-4o-mini', 'Is this safe?']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^oracle --dry-run: judge, critic\n2 calls, [\d,]+ tokens in, 600 out, \$0\.\d+ \(estimated\)\n/);
    expect(run.stdout).toContain('gpt-4o-mini $0.15/$0.075/$0.60 per M tokens (in/cached/out), prices of ');
    // Each model says how its prompt tokens were counted: OpenAI's tokenizer, or the approximation.
    expect(run.stdout).toContain('prompt tokens: gpt-4o-mini o200k_base\n');
    const claudeRun = await oracle(['--dry-run', '--json', '--provider', 'anthropic', '--model', 'claude-haiku-4-5', 'q']);
    const claude = JSON.parse(claudeRun.stdout) as Record<string, unknown>;
    expect(claude['tokenizers']).toEqual({ 'claude-haiku-4-5': 'chars/4 approximation' });
    const json = JSON.parse((await oracle(['--dry-run', '--json', '-b', 'judge,critic', '--model', 'no-such-model', 'q'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      dry_run: true,
      calls: 2,
      completion_tokens: 600,
      cost_usd: null,
      unpriced: ['openai/no-such-model'],
      personas: ['judge', 'critic'],
    });
    await oracle(['--dry-run', ...simArgs(), 'q']);
    expect(sim.stats().requests).toBe(0);
  });

  test('the answers cost what the sim billed: per persona and in total, cache hits included', async () => {
    const run = await oracle([...simArgs(), '--json', '--batch', 'judge,critic,skeptic', '--stdin', 'Review this.'], CONTEXT);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { results: { cost_usd: number; usage: { cached_tokens: number } }[]; cost_usd: number; cache_hit_share: number };
    const billed = sim.stats().usage;
    expect(json.cost_usd).toBeCloseTo(billed.cost_usd, 9);
    expect(json.results.reduce((sum, r) => sum + r.cost_usd, 0)).toBeCloseTo(billed.cost_usd, 9);
    expect(json.results.reduce((sum, r) => sum + r.usage.cached_tokens, 0)).toBe(billed.cached_tokens);
    expect(json.cache_hit_share).toBeCloseTo(billed.cached_tokens / billed.prompt_tokens, 3);
  });

  test('a budget the estimate crosses is refused up front: exit 4, nothing sent, how to go on', async () => {
    const dry = JSON.parse((await oracle(['--dry-run', '--json', ...simArgs(), '-b', 'judge,critic,skeptic', 'Ship it?'])).stdout) as { cost_usd: number };
    const limit = dry.cost_usd / 2;
    const run = await oracle([...simArgs(), '--max-cost', String(limit), '-b', 'judge,critic,skeptic', 'Ship it?']);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        String.raw`^oracle: not sent: the estimate \(\$[\d.e-]+ > --max-cost \$[\d.e-]+, answers at 300 tokens each\) is over the budget; ` +
          String.raw`nothing was spent\. Raise it \(e\.g\. --max-cost [\d.e-]+\)`,
      ),
    );
    expect(sim.stats().requests).toBe(0);
    const tokens = await oracle([...simArgs(), '--max-total-tokens', '100', '-p', 'judge', 'Ship it?']);
    expect(tokens.code).toBe(4);
    expect(tokens.stderr).toContain('> --max-total-tokens 100');
    // Within the limit it runs, and says what it spent.
    const ok = await oracle([...simArgs(), '--max-cost', String(dry.cost_usd * 2), '-b', 'judge,critic,skeptic', 'Ship it?']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/^oracle: 3 answers: [\d,]+ tokens in, [\d,]+ out, \$[\d.e-]+\n$/);
    expect(sim.stats().requests).toBe(3);
  });

  test('--max-cost on a model without a price, and bad budget flags, are usage errors', async () => {
    const unpriced = await oracle(['--base-url', sim.baseURL, '--model', 'sim-1', '--max-cost', '1', 'q']);
    expect(unpriced.code).toBe(2);
    expect(unpriced.stderr).toMatch(/^oracle: --max-cost needs a price: cost unknown \(no price for openai\/sim-1: add it to \.fanout\/prices\.json/);
    for (const [flag, value] of [['--max-cost', '0'], ['--max-total-tokens', '1.5'], ['--expect-output-tokens', '-3']]) {
      const run = await oracle([...simArgs(), flag!, value!, 'q']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`oracle: ${flag} must be`);
    }
    expect(sim.stats().requests).toBe(0);
  });
});
