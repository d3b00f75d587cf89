import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPersonas, type Persona } from '@fanout/oracle';
import { createExtractor } from '../extract.js';
import { runSwarm } from '../run-swarm.js';
import { withSim } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';
import { promptSource } from '../work-items.js';
import type { BatchWire } from './batch-backend.js';
import { loadState } from './batch-state.js';
import { createBatchBackend } from './create-backend.js';
import { runBatchSwarm, type BatchSwarmOptions } from './run-batch.js';

const SPLIT = [{ replies: [{ content: 'Answer: Paris', weight: 7 }, { content: 'Answer: Lyon', weight: 3 }] }];

type Line = { id: string; persona: string | null; content: string | null; usage: { prompt_tokens: number }; answer?: string | null; error?: string };
function records(file: string): Line[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

/** Where each wire's batch API lives on llm-sim, as the provider's configured base URL would say it. */
function baseURLFor(wire: BatchWire, simBaseURL: string): string {
  return wire === 'gemini' ? simBaseURL.replace(/\/v1$/, '/v1beta/openai/') : simBaseURL;
}

async function options(wire: BatchWire, simBaseURL: string, dir: string): Promise<Pick<BatchSwarmOptions, 'backend' | 'stateDir' | 'connection' | 'pollMs'>> {
  const baseURL = baseURLFor(wire, simBaseURL);
  return {
    backend: await createBatchBackend(wire, { baseURL, apiKey: 'sim-key' }),
    stateDir: path.join(dir, 'state'),
    connection: { provider: wire, baseURL, model: 'sim-1' },
    pollMs: 20,
  };
}

async function personas(): Promise<Map<string, Persona>> {
  const found = await findPersonas(['judge', 'critic']);
  return new Map([['judge', found[0]!], ['critic', found[1]!]]);
}

describe.each<BatchWire>(['anthropic', 'gemini'])('runBatchSwarm over the %s batch API (llm-sim)', (wire) => {
  test('split into batches; ids a provider would refuse are mapped back; votes tallied', () =>
    withTempDir((t) =>
      withSim({ rules: SPLIT, batchDelayMs: 100, apiKey: 'sim-key' }, 10, async ({ sim }) => {
        const source = promptSource('Capital of France?', 150, ['judge', 'critic']);
        const events: string[] = [];
        const report = await runBatchSwarm({
          ...(await options(wire, sim.baseURL, t.dir)),
          source,
          personas: await personas(),
          out: t.file('r.jsonl'),
          extract: createExtractor(),
          maxRequestsPerFile: 120,
          onEvent: (m) => events.push(m),
        });
        expect(report).toMatchObject({ n: 300, ok: 300, failed: 0, winner: 'paris' });
        expect(report.batches).toHaveLength(3);
        const state = loadState(path.join(t.dir, 'state'), report.run_id!);
        expect(state.wire).toBe(wire);
        expect(state.chunks.map((c) => c.count)).toEqual([120, 120, 60]);
        expect(state.chunks.every((c) => c.fetched && c.ended)).toBe(true);
        // "0:judge" is not a valid Anthropic custom_id: it went as a digest and came back as itself.
        expect(state.ids_file !== undefined).toBe(wire === 'anthropic');
        const lines = records(t.file('r.jsonl'));
        expect(new Set(lines.map((l) => l.id)).size).toBe(300);
        expect(lines.find((l) => l.id === '7:critic')).toMatchObject({ persona: 'critic', answer: expect.stringMatching(/^(paris|lyon)$/) });
        expect(lines.every((l) => l.usage.prompt_tokens > 0)).toBe(true);
        expect(events.filter((e) => e.startsWith('submitted'))).toHaveLength(3);
      }),
    ));

  test('partial failures are written as failures; the direct path runs them again with --retry-failed', () =>
    withTempDir((t) =>
      withSim({ batchDelayMs: 50, batchFailureRate: 0.25 }, 10, async ({ sim, client }) => {
        const source = promptSource('q', 80, []);
        const out = t.file('r.jsonl');
        const report = await runBatchSwarm({ ...(await options(wire, sim.baseURL, t.dir)), source, out });
        expect(report.ok + report.failed).toBe(80);
        expect(report.failed).toBeGreaterThan(5);
        const failed = records(out).filter((l) => l.error);
        expect(failed.every((l) => /api_error|INTERNAL/.test(l.error!))).toBe(true);
        const retried = await runSwarm({ client, source, out, resume: true, retryFailed: true });
        expect(retried).toMatchObject({ ok: report.failed, failed: 0 });
        expect(records(out).filter((l) => !l.error)).toHaveLength(80);
      }),
    ));

  test('a batch that expires: its requests without a result are failures, then run directly', () =>
    withTempDir((t) =>
      withSim({ batchDelayMs: 5000, batchExpireMs: 200 }, 10, async ({ sim, client }) => {
        const source = promptSource('q', 30, []);
        const out = t.file('r.jsonl');
        const report = await runBatchSwarm({ ...(await options(wire, sim.baseURL, t.dir)), source, out });
        expect(report.failed).toBe(30);
        expect(records(out).every((l) => /expired|EXPIRED/.test(l.error ?? ''))).toBe(true);
        expect((await runSwarm({ client, source, out, resume: true, retryFailed: true })).ok).toBe(30);
      }),
    ));

  test('stopping the wait leaves the batch running; the saved state finishes it, nothing submitted twice', () =>
    withTempDir((t) =>
      withSim({ batchDelayMs: 500 }, 10, async ({ sim }) => {
        const opts = await options(wire, sim.baseURL, t.dir);
        const out = t.file('r.jsonl');
        const controller = new AbortController();
        const first = await runBatchSwarm({
          ...opts,
          source: promptSource('q', 200, []),
          out,
          signal: controller.signal,
          onEvent: (m) => m.startsWith('submitted') && controller.abort(),
        });
        expect(first.interrupted).toBe(true);
        const events: string[] = [];
        const second = await runBatchSwarm({ ...opts, state: loadState(opts.stateDir, first.run_id!), out, onEvent: (m) => events.push(m) });
        expect(second).toMatchObject({ ok: 200, failed: 0, run_id: first.run_id });
        expect(events.some((e) => e.startsWith('submitted'))).toBe(false);
        expect(new Set(records(out).map((l) => l.id)).size).toBe(200);
      }),
    ));
});

test('Gemini batches carry the request seed: same records and votes as the direct path', () =>
  withTempDir((t) =>
    withSim({ rules: SPLIT, batchDelayMs: 50 }, 20, async ({ sim, client }) => {
      const source = promptSource('Capital of France?', 200, []);
      const batch = await runBatchSwarm({ ...(await options('gemini', sim.baseURL, t.dir)), source, out: t.file('b.jsonl'), extract: createExtractor() });
      const direct = await runSwarm({ client, source, out: t.file('d.jsonl'), extract: createExtractor() });
      expect(batch.votes).toEqual(direct.votes);
      const byId = new Map(records(t.file('d.jsonl')).map((r) => [r.id, r]));
      for (const r of records(t.file('b.jsonl'))) expect([r.content, r.usage]).toEqual([byId.get(r.id)!.content, byId.get(r.id)!.usage]);
    }),
  ));
