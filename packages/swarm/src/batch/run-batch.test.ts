import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createExtractor } from '../extract.js';
import { runSwarm } from '../run-swarm.js';
import { withSim } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';
import { promptSource } from '../work-items.js';
import { createBatchBackend } from './create-backend.js';
import { listStates, loadState } from './batch-state.js';
import { runBatchSwarm, type BatchSwarmOptions } from './run-batch.js';

const SPLIT = [{ replies: [{ content: 'Answer: Paris', weight: 7 }, { content: 'Answer: Lyon', weight: 3 }] }];

type Line = { id: string; persona: string | null; content: string | null; usage: unknown; answer?: string | null; error?: string };
function records(file: string): Line[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

async function batchOptions(baseURL: string, dir: string): Promise<Pick<BatchSwarmOptions, 'backend' | 'stateDir' | 'connection' | 'pollMs'>> {
  return {
    backend: await createBatchBackend('openai', { baseURL, apiKey: undefined }),
    stateDir: path.join(dir, 'state'),
    connection: { provider: 'sim', baseURL, model: 'sim-1' },
    pollMs: 50,
  };
}

describe('runBatchSwarm against llm-sim’s /v1/files and /v1/batches', () => {
  test('5,000 requests end to end, split across files, same records and votes as the direct path', () =>
    withTempDir((t) =>
      withSim({ rules: SPLIT, batchDelayMs: 200 }, 50, async ({ sim, client }) => {
        const source = promptSource('Capital of France?', 5000, []);
        const events: string[] = [];
        const report = await runBatchSwarm({
          ...(await batchOptions(sim.baseURL, t.dir)),
          source,
          out: t.file('batch.jsonl'),
          extract: createExtractor(),
          maxRequestsPerFile: 2000,
          onEvent: (m) => events.push(m),
        });
        expect(report).toMatchObject({ n: 5000, ok: 5000, failed: 0, winner: 'paris' });
        expect(report.batches).toHaveLength(3);
        expect(events.filter((e) => e.startsWith('submitted'))).toHaveLength(3);
        const state = loadState(path.join(t.dir, 'state'), report.run_id!);
        expect(state.chunks.map((c) => c.count)).toEqual([2000, 2000, 1000]);
        expect(state.chunks.every((c) => c.fetched && c.status === 'completed' && !existsSync(c.input))).toBe(true);

        const direct = await runSwarm({ client, source, out: t.file('direct.jsonl'), extract: createExtractor() });
        expect(report.votes).toEqual(direct.votes);
        const byId = new Map(records(t.file('direct.jsonl')).map((r) => [r.id, r]));
        const batch = records(t.file('batch.jsonl'));
        expect(new Set(batch.map((r) => r.id)).size).toBe(5000);
        for (const r of batch) {
          const d = byId.get(r.id)!;
          expect(Object.keys(r)).toEqual(Object.keys(d));
          expect([r.persona, r.content, r.usage, r.answer]).toEqual([d.persona, d.content, d.usage, d.answer]);
        }
      }),
    ));

  test('a batch that fails validation is reported and its items are not written', () =>
    withTempDir((t) =>
      withSim({ batchDelayMs: 50, batchMaxRequests: 100 }, 5, async ({ sim }) => {
        const report = await runBatchSwarm({ ...(await batchOptions(sim.baseURL, t.dir)), source: promptSource('q', 150, []), out: t.file('r.jsonl') });
        expect(report.failed_batches).toHaveLength(1);
        expect(report.ok + report.failed).toBe(0);
        const [state] = listStates(path.join(t.dir, 'state'));
        expect(state!.chunks[0]!.errors![0]).toContain('at most 100');
      }),
    ));

  test('an expired batch writes its unrun requests as failures, which the direct path retries with --retry-failed', () =>
    withTempDir((t) =>
      withSim({ batchDelayMs: 5000, batchExpireMs: 150 }, 10, async ({ sim, client }) => {
        const source = promptSource('q', 40, []);
        const out = t.file('r.jsonl');
        const report = await runBatchSwarm({ ...(await batchOptions(sim.baseURL, t.dir)), source, out });
        expect(report.failed).toBe(40);
        expect(records(out).every((r) => r.error?.startsWith('batch_expired'))).toBe(true);
        const retried = await runSwarm({ client, source, out, resume: true, retryFailed: true });
        expect(retried).toMatchObject({ ok: 40, failed: 0 });
        expect(records(out).filter((r) => !r.error)).toHaveLength(40);
        expect(records(out)).toHaveLength(40);
      }),
    ));

  test('stopping the wait leaves the batch on the provider; a later call with the saved state finishes it', () =>
    withTempDir((t) =>
      withSim({ batchDelayMs: 600 }, 10, async ({ sim }) => {
        const options = await batchOptions(sim.baseURL, t.dir);
        const out = t.file('r.jsonl');
        const controller = new AbortController();
        const first = await runBatchSwarm({
          ...options,
          source: promptSource('q', 300, []),
          out,
          signal: controller.signal,
          onEvent: (m) => m.startsWith('submitted') && controller.abort(),
        });
        expect(first.interrupted).toBe(true);
        expect(first.ok).toBe(0);
        const state = loadState(options.stateDir, first.run_id!);
        const second = await runBatchSwarm({ ...options, state, out });
        expect(second).toMatchObject({ ok: 300, failed: 0, run_id: first.run_id });
        expect(new Set(records(out).map((r) => r.id)).size).toBe(300);
      }),
    ));
});
