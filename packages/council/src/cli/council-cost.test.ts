// council's cost flags end to end: the built binary against a real llm-sim that bills a price and
// caches prompt prefixes. Needs `dist/` (run the build first).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startSim, type SimRule, type SimServer } from '@fanout/llm-sim';

const bin = fileURLToPath(new URL('../../bin/council.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'council-cost-'));
const PRICE = { input: 2, cached_input: 0.5, output: 8 };
// A design document piped in: ~2,000 tokens every call starts with, so rounds 2 and 3 hit the cache.
const DOC = 'The orders service writes to one Postgres primary; reads go to two replicas. '.repeat(105);
// Every answer and verdict 100 tokens long, so the estimate's expected length is the true one.
const RULES: SimRule[] = [
  { match: { persona: 'arbiter' }, reply: { converged: false, synthesis: 'S'.repeat(362) } },
  { reply: 'A'.repeat(400) },
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let sim: SimServer;

/** `council … "Is this design sound?" < design.md` (a file on stdin, as a shell redirect gives it). */
function council(args: string[]): Promise<Run> {
  const doc = path.join(dir, 'design.md');
  writeFileSync(doc, DOC);
  const stdin = openSync(doc, 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--provider', 'sim', '--base-url', sim.baseURL, '--model', 'sim-1', ...args, 'Is this design sound?'], {
      cwd: dir,
      env: { PATH: process.env['PATH'], HOME: dir },
      stdio: [stdin, 'pipe', 'pipe'],
    });
    closeSync(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Estimate {
  cost_usd: number;
  cached_tokens: number;
  rounds: { round: number; cost_usd: number }[];
}

const estimate = async (...more: string[]): Promise<Estimate> =>
  JSON.parse((await council(['--dry-run', '--json', '--expect-output-tokens', '100', ...more])).stdout) as Estimate;

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))))
    throw new Error('build council (and its dependencies) first: dist/cli.js is missing');
  sim = await startSim({ prices: { 'sim-1': PRICE } });
  mkdirSync(path.join(dir, '.fanout'));
  writeFileSync(path.join(dir, '.fanout', 'prices.json'), JSON.stringify({ providers: { sim: { free: false, models: { 'sim-1': PRICE } } } }));
});
afterEach(() => {
  sim.setOptions({ promptCache: {} });
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('council cost', () => {
  test('the estimate is within ±10 % of what the council cost; the cache share is the sim’s', async () => {
    const planned = await estimate('--rounds', '3');
    expect(sim.stats().requests).toBe(0);
    expect(planned.rounds).toHaveLength(3);
    sim.setOptions({ rules: RULES });
    const run = await council(['--json', '--rounds', '3']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { rounds: unknown[]; calls: number; cost_usd: number; cache_hit_share: number; usage: { cached_tokens: number } };
    expect(result.rounds).toHaveLength(3);
    const billed = sim.stats().usage;
    expect(result.cost_usd).toBeCloseTo(billed.cost_usd, 9);
    expect(result.usage.cached_tokens).toBe(billed.cached_tokens);
    expect(result.cache_hit_share).toBeCloseTo(billed.cached_tokens / billed.prompt_tokens, 3);
    // The document is cached from each persona's second call on: a large share, and the estimate saw it too.
    expect(result.cache_hit_share).toBeGreaterThan(0.4);
    expect(Math.abs(planned.cost_usd - result.cost_usd) / result.cost_usd).toBeLessThanOrEqual(0.1);
    expect(Math.abs(planned.cached_tokens - billed.cached_tokens) / billed.cached_tokens).toBeLessThanOrEqual(0.1);
  });

  test('--max-cost stops between rounds: the last complete round’s verdict, exit 4, within the limit', async () => {
    const planned = await estimate('--rounds', '3');
    const [one, two, three] = planned.rounds.map((r) => r.cost_usd);
    const limit = one! + two! + three! / 2;
    sim.setOptions({ rules: RULES });
    const run = await council(['--json', '--rounds', '3', '--expect-output-tokens', '100', '--max-cost', String(limit)]);
    expect(run.code).toBe(4);
    const result = JSON.parse(run.stdout) as { rounds: { round: number }[]; stopped_before_round: number; final: string; cost_usd: number };
    expect(result.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(result.stopped_before_round).toBe(3);
    expect(result.final).toBe('S'.repeat(362));
    expect(sim.stats().usage.cost_usd).toBeLessThanOrEqual(limit);
    expect(run.stderr).toMatch(/^council: stopped before round 3 by --max-cost \$[\d.e-]+ \(\$[\d.e-]+ spent, round 3 would cost about \$[\d.e-]+\): /m);
    expect(run.stderr).toMatch(/: the verdict is round 2's\. Run again with a higher limit \(e\.g\. --max-cost [\d.e-]+\) to deliberate further\n/);
    expect(run.stderr).toMatch(/^council: 2 rounds, 8 calls: [\d,]+ tokens in \([\d,]+ cached, [\d.]+ %\), [\d,]+ out, \$[\d.e-]+\n/m);
  });

  test('a budget round 1 does not fit is refused before anything is sent', async () => {
    const planned = await estimate('--rounds', '2');
    const run = await council(['--rounds', '2', '--max-cost', String(planned.rounds[0]!.cost_usd / 2)]);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^council: not started: round 1 would cost about \$[\d.e-]+, over --max-cost \$[\d.e-]+; nothing was spent/);
    expect(sim.stats().requests).toBe(0);
  });
});
