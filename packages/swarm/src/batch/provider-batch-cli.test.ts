import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { runCli, startCli } from '../test-helpers/cli.js';
import { eventually } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';

// Each wire as a user reaches it: --provider NAME with the provider's base URL (here llm-sim's) and
// the provider's own key variable, which the batch API must carry in its own header.
const WIRES = [
  { provider: 'anthropic', keyVar: 'ANTHROPIC_API_KEY', base: (sim: SimServer) => sim.baseURL, batchId: /submitted (msgbatch_\w+)/ },
  { provider: 'gemini', keyVar: 'GEMINI_API_KEY', base: (sim: SimServer) => `${sim.url}/v1beta/openai/`, batchId: /submitted (batches\/\w+)/ },
] as const;
const KEY = 'sk-provider-test';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 1500, apiKey: KEY });
});
afterAll(() => sim.close());

async function submitted(child: ChildProcess, pattern: RegExp): Promise<string> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return eventually(
    () => stderr,
    (s) => pattern.test(s),
    20_000,
  );
}

function lines(file: string): { id: string; error?: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { id: string; error?: string });
}

describe.each(WIRES)('swarm --provider $provider --batch-api (built binary, real llm-sim)', (wire) => {
  const env = { [wire.keyVar]: KEY };
  const connect = (server: SimServer) => ['--provider', wire.provider, '--base-url', wire.base(server), '--model', 'sim-1'];

  test('killed (SIGKILL) after submitting: --resume finishes the same batch, nothing submitted twice', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const args = ['q', '--n', '400', '--out', out, '--batch-api', '--state-dir', t.file('state'), '--poll-ms', '50', ...connect(sim)];
      const first = startCli(args, undefined, [], env);
      const stderr = await submitted(first.child, wire.batchId);
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');

      const second = await runCli([...args, '--resume', '--json'], undefined, [], env);
      expect(second.stderr).not.toContain('submitted');
      expect(second.code).toBe(0);
      const report = JSON.parse(second.stdout) as { ok: number; batches: string[] };
      expect(report.ok).toBe(400);
      expect(report.batches).toEqual([wire.batchId.exec(stderr)![1]]);
      expect(new Set(lines(out).map((l) => l.id)).size).toBe(400);
      expect(second.stdout + second.stderr).not.toContain(KEY);
    }));

  test('partial failures: exit 1 naming the way out; the failed lines then run directly with --resume --retry-failed', () =>
    withTempDir(async (t) => {
      const faulty = await startSim({ batchDelayMs: 100, batchFailureRate: 0.2, apiKey: KEY });
      try {
        const out = t.file('r.jsonl');
        const batch = await runCli(
          ['q', '--n', '120', '--out', out, '--batch-api', '--state-dir', t.file('state'), '--poll-ms', '50', '--json', ...connect(faulty)],
          undefined,
          [],
          env,
        );
        expect(batch.code).toBe(1);
        expect(batch.stderr).toContain('--resume --retry-failed');
        const failed = (JSON.parse(batch.stdout) as { failed: number }).failed;
        expect(failed).toBeGreaterThan(5);
        const direct = await runCli(['q', '--n', '120', '--out', out, '--resume', '--retry-failed', '--json', ...connect(faulty)], undefined, [], env);
        expect(direct.code).toBe(0);
        expect(JSON.parse(direct.stdout)).toMatchObject({ ok: failed, failed: 0 });
        expect(lines(out).filter((l) => !l.error)).toHaveLength(120);
      } finally {
        await faulty.close();
      }
    }));

  test('interrupted, then swarm batches status / fetch by the batch id', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const state = t.file('state');
      const run = startCli(['q', '--n', '200', '--out', out, '--batch-api', '--state-dir', state, '--poll-ms', '50', ...connect(sim)], undefined, [], env);
      const batchId = wire.batchId.exec(await submitted(run.child, wire.batchId))![1]!;
      run.child.kill('SIGINT');
      expect((await run.done).code).toBe(130);
      const status = await runCli(['batches', 'status', batchId, '--state-dir', state], undefined, [], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(batchId);
      const fetched = await runCli(['batches', 'fetch', batchId, '--state-dir', state, '--poll-ms', '50', '--json'], undefined, [], env);
      expect(fetched.code).toBe(0);
      expect(JSON.parse(fetched.stdout)).toMatchObject({ ok: 200, failed: 0 });
      expect(new Set(lines(out).map((l) => l.id)).size).toBe(200);
    }));
});

test('batches cancel (Gemini): the cancelled batch’s requests are written as not run', () =>
  withTempDir(async (t) => {
    const slow = await startSim({ batchDelayMs: 30_000, apiKey: KEY });
    try {
      const out = t.file('r.jsonl');
      const state = t.file('state');
      const connect = ['--provider', 'gemini', '--base-url', `${slow.url}/v1beta/openai/`, '--model', 'sim-1'];
      const env = { GEMINI_API_KEY: KEY };
      const run = startCli(['q', '--n', '50', '--out', out, '--batch-api', '--state-dir', state, '--poll-ms', '50', ...connect], undefined, [], env);
      const runId = /for run (swr_\w+)/.exec(await submitted(run.child, /for run swr_\w+/))![1]!;
      run.child.kill('SIGINT');
      await run.done;
      const cancel = await runCli(['batches', 'cancel', runId, '--state-dir', state], undefined, [], env);
      expect(cancel.code).toBe(0);
      expect(cancel.stdout).toMatch(/batches\/\w+ {2}BATCH_STATE_(PENDING|RUNNING|CANCELLED)/); // as sent; the fetch proves it
      const fetched = await runCli(['batches', 'fetch', runId, '--state-dir', state, '--poll-ms', '50', '--json'], undefined, [], env);
      expect(fetched.code).toBe(1);
      expect(JSON.parse(fetched.stdout)).toMatchObject({ ok: 0, failed: 50 });
      expect(lines(out).every((l) => l.error?.includes('not run'))).toBe(true);
    } finally {
      await slow.close();
    }
  }));

test('usage: a provider without a batch API, --flex beside --batch-api or another provider, Anthropic temperature', async () => {
  const cases: [string[], string][] = [
    [['--provider', 'openrouter', '--base-url', sim.baseURL, '--batch-api', '--out', 'r.jsonl'], '--batch-api needs a provider with a batch API'],
    [['--base-url', sim.baseURL, '--flex', '--batch-api', '--out', 'r.jsonl'], '--flex and --batch-api cannot be used together'],
    [['--provider', 'anthropic', '--base-url', sim.baseURL, '--flex', '--out', 'r.jsonl'], "--flex is OpenAI's flex processing"],
    [
      ['--provider', 'anthropic', '--base-url', sim.baseURL, '--temperature', '1.5', '--out', 'r.jsonl'],
      '--temperature for --provider anthropic is from 0 to 1',
    ],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['q', '--n', '3', ...args]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
  }
});
