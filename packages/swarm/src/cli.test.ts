import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { REFUSE_HEAVY_MODULES, runCli, startCli } from './test-helpers/cli.js';
import { eventually } from './test-helpers/sim.js';
import { withTempDir } from './test-helpers/tmp.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ latencyMs: { min: 1, max: 15 } });
});
afterAll(() => sim.close());

const connect = () => ['--base-url', sim.baseURL, '--model', 'sim-1'];

/** Waits until `file` holds more than `bytes` (the run is part-way). */
function fileGrows(file: string, bytes: number): Promise<number> {
  const size = () => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return eventually(size, (s) => s > bytes, 20_000);
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

describe('swarm CLI (built binary, real llm-sim)', () => {
  test('--help shows examples without loading undici, openai or llm-sim', async () => {
    const help = await runCli(['--help'], undefined, REFUSE_HEAVY_MODULES);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/\nExamples:\n {2}swarm /);
    const batches = await runCli(['batches', '--help'], undefined, REFUSE_HEAVY_MODULES);
    expect(batches.stdout).toMatch(/\nExamples:\n {2}swarm batches list/);
  });

  test('--json prints the summary shape on stdout', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const r = await runCli(['hello', '--n', '30', '--out', out, '--json', '--vote', ...connect()]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({ n: 30, ok: 30, failed: 0 });
      for (const key of ['wall_ms', 'rps', 'latency_ms', 'tokens', 'votes', 'winner', 'agreement']) expect(summary).toHaveProperty(key);
      expect(lines(out)).toHaveLength(30);
    }));

  test('killed with SIGKILL mid-run, then --resume, leaves exactly N unique ids', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const n = 4000;
      const args = ['q', '--n', String(n), '--concurrency', '16', '--out', out, ...connect()];
      const { child, done } = startCli(args);
      // Kill once a good part (but not all) is on disk.
      await fileGrows(out, 60_000);
      child.kill('SIGKILL');
      const killed = await done;
      expect(killed.signal).toBe('SIGKILL');
      const before = lines(out).length;
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(n);

      const resumed = await runCli([...args, '--resume', '--json']);
      expect(resumed.code).toBe(0);
      const summary = JSON.parse(resumed.stdout) as { ok: number; skipped: number };
      const ids = lines(out).map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
      expect(summary.ok + summary.skipped).toBe(n);
      expect(resumed.stderr).toContain(`swarm: resuming ${out}:`);
    }));

  test('Ctrl-C (SIGINT) aborts what is in flight, prints the summary, exits 130; --resume finishes', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const n = 4000;
      const args = ['q', '--n', String(n), '--concurrency', '16', '--out', out, '--json', ...connect()];
      const { child, done } = startCli(args);
      await fileGrows(out, 30_000);
      child.kill('SIGINT');
      const stopped = await done;
      expect(stopped.code).toBe(130);
      const summary = JSON.parse(stopped.stdout) as { ok: number; interrupted: boolean };
      expect(summary.interrupted).toBe(true);
      expect(lines(out)).toHaveLength(summary.ok);
      const resumed = await runCli([...args, '--resume']);
      expect(resumed.code).toBe(0);
      expect(new Set(lines(out).map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(n);
    }));

  test('a malformed input line stops with FILE:LINE and exit 2; --skip-invalid counts it', () =>
    withTempDir(async (t) => {
      const input = t.file('prompts.jsonl');
      const out = t.file('r.jsonl');
      writeFileSync(input, '{"id":"a","prompt":"one"}\n{"id":"b","prompt":"two"\n{"id":"c","prompt":"three"}\n');
      const r = await runCli(['--input', input, '--out', out, ...connect()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^swarm: ${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON`));
      expect(r.stderr).not.toMatch(/\n\s+at /);

      const skipping = await runCli(['--input', input, '--out', out, '--skip-invalid', '--json', ...connect()]);
      expect(skipping.code).toBe(0);
      expect(JSON.parse(skipping.stdout)).toMatchObject({ n: 2, ok: 2, invalid: 1 });
      expect(skipping.stderr).toContain(':2: not valid JSON');
    }));

  test('duplicate ids are refused naming both lines', () =>
    withTempDir(async (t) => {
      const input = t.file('prompts.jsonl');
      writeFileSync(input, '{"id":"x","prompt":"one"}\n{"id":"y","prompt":"two"}\n{"id":"x","prompt":"three"}\n');
      const r = await runCli(['--input', input, '--out', t.file('r.jsonl'), ...connect()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${input}:3: duplicate id "x" (first on line 1)`);
    }));

  test.each([
    [['q', '--n', '0', '--out', 'r.jsonl'], '--n must be an integer ≥ 1, got 0'],
    [['q', '--n', '-3', '--out', 'r.jsonl'], '--n must be an integer ≥ 1, got -3'],
    [['q', '--n', '5'], '--out FILE is required'],
    [['q', '--n', '5', '--resume', '--vote'], '--resume needs --out FILE'],
    [['q', '--out', 'r.jsonl'], '--n is required'],
    [['q', '--n', '5', '--out', 'r.jsonl', '--sim-rpm', '5'], '--sim-rpm needs --provider sim'],
    [['q', '--n', '5', '--out', 'r.jsonl', '--sim-latency-ms', '5'], '--sim-latency-ms and --sim-rules need --provider sim'],
    [['--n', '5', '--out', 'r.jsonl'], 'swarm: no prompt: pass it as arguments or on stdin (or use --input prompts.jsonl)\n'],
    [['q', '--n', '5', '--bogus'], 'swarm: Unknown argument: bogus (see swarm --help)\n'],
  ])('usage error %j → exit 2, one line', async (args, message) => {
    const r = await runCli([...args, ...connect()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('--rpm and --tpm pace the calls (a lower bound: a minute’s rate over a second-sized burst)', async () => {
    // --rpm 600: a burst of 10, then 10 per second, so 25 calls need at least ~1.5 s.
    const rpm = await runCli(['q', '--n', '25', '--rpm', '600', '--vote', '--json', ...connect()]);
    expect(rpm.code).toBe(0);
    expect((JSON.parse(rpm.stdout) as { wall_ms: number }).wall_ms).toBeGreaterThanOrEqual(1300);
    // --tpm 1200 with --max-tokens 10: each call costs ~11 tokens, a burst of 20 tokens, then 20 per second.
    const tpm = await runCli(['q', '--n', '6', '--tpm', '1200', '--max-tokens', '10', '--vote', '--json', ...connect()]);
    expect(tpm.code).toBe(0);
    expect((JSON.parse(tpm.stdout) as { wall_ms: number }).wall_ms).toBeGreaterThanOrEqual(2000);
  });

  test('--provider sim runs offline with the sim flags', async () => {
    const r = await runCli(['hello', '--n', '50', '--provider', 'sim', '--sim-error-rate', '0.1', '--sim-latency-ms', '1', '--vote', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ n: 50, ok: 50, failed: 0 });
    expect((JSON.parse(r.stdout) as { retried: number }).retried).toBeGreaterThan(0);
  });
});
