import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { runCli, startCli } from '../test-helpers/cli.js';
import { eventually } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ batchDelayMs: 1500 });
});
afterAll(() => sim.close());

/** Waits until the child says it submitted a batch; returns its stderr so far. */
async function submitted(child: ChildProcess): Promise<string> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return eventually(
    () => stderr,
    (s) => s.includes('submitted batch_'),
    20_000,
  );
}

function ids(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id);
}

describe('swarm --batch-api and swarm batches (built binary, real llm-sim)', () => {
  test('a second process resumes the batch an earlier, killed one submitted; nothing is submitted twice', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const args = [
        'q',
        '--n',
        '800',
        '--out',
        out,
        '--batch-api',
        '--state-dir',
        t.file('state'),
        '--poll-ms',
        '50',
        '--base-url',
        sim.baseURL,
        '--model',
        'sim-1',
      ];
      const first = startCli(args);
      const stderr = await submitted(first.child);
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');

      const second = await runCli([...args, '--resume', '--json']);
      expect(second.code).toBe(0);
      expect(second.stderr).not.toContain('submitted');
      const report = JSON.parse(second.stdout) as { ok: number; batches: string[]; run_id: string };
      expect(report.ok).toBe(800);
      expect(stderr).toContain(`for run ${report.run_id}`);
      expect(new Set(ids(out)).size).toBe(800);

      const list = await runCli(['batches', 'list', '--state-dir', t.file('state')]);
      expect(list.stdout).toContain(`${report.run_id}`);
      expect(list.stdout).toContain('completed, fetched');
    }));

  test('batches cancel, status and fetch: a cancelled batch ends with its unrun requests reported as failed', () =>
    withTempDir(async (t) => {
      const out = t.file('r.jsonl');
      const state = t.file('state');
      sim.setOptions({ batchDelayMs: 20_000 }); // long enough to cancel on a busy machine
      const run = startCli([
        'q',
        '--n',
        '300',
        '--out',
        out,
        '--batch-api',
        '--state-dir',
        state,
        '--poll-ms',
        '50',
        '--base-url',
        sim.baseURL,
        '--model',
        'sim-1',
      ]);
      const stderr = await submitted(run.child);
      run.child.kill('SIGINT'); // stops waiting; the batch keeps running
      const stopped = await run.done;
      expect(stopped.code).toBe(130);
      const runId = /for run (swr_\w+)/.exec(stderr)![1]!;
      expect(stopped.stderr).toContain(`swarm batches fetch ${runId}`);

      const cancel = await runCli(['batches', 'cancel', runId, '--state-dir', state]);
      expect(cancel.code).toBe(0);
      expect(cancel.stdout).toMatch(/cancelling|cancelled/);

      const fetched = await runCli(['batches', 'fetch', runId, '--state-dir', state, '--poll-ms', '50', '--json']);
      expect(fetched.code).toBe(1); // unrun requests are failures
      const report = JSON.parse(fetched.stdout) as { ok: number; failed: number };
      expect(report.ok + report.failed).toBe(300);
      expect(report.failed).toBeGreaterThan(0);
      expect(new Set(ids(out)).size).toBe(300);

      const status = await runCli(['batches', 'status', runId, '--state-dir', state]);
      expect(status.stdout).toContain('cancelled');
      sim.setOptions({ batchDelayMs: 1500 });
    }));

  test('usage: --batch-api without --out, and with --early-stop', async () => {
    const noOut = await runCli(['q', '--n', '3', '--vote', '--batch-api', '--base-url', sim.baseURL]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--batch-api needs --out FILE');
    const early = await runCli(['q', '--n', '3', '--out', 'x.jsonl', '--batch-api', '--early-stop', '--base-url', sim.baseURL]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('--early-stop cannot be used with --batch-api');
  });
});
