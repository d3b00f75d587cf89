import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { promptSource } from '../work-items.js';
import { runSwarm } from '../run-swarm.js';
import { eventually } from '../test-helpers/sim.js';
import { withTempDir } from '../test-helpers/tmp.js';
import type { EndpointFigures } from './routed-endpoint.js';
import { startEndpoints } from './start-endpoints.js';

const SIM_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/@fanout/llm-sim/bin/llm-sim.js');

/** llm-sim in its own process, so it can be killed like a server that goes down. */
async function simProcess(args: readonly string[]) {
  const child = spawn(process.execPath, [SIM_BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`llm-sim exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}/v1`, child };
}

const ids = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { id: string; error?: string });

const byName = (figures: readonly EndpointFigures[] | undefined) => Object.fromEntries((figures ?? []).map((f) => [f.name, f]));

describe('several endpoints (real llm-sim servers)', () => {
  test('work goes by capacity: the fast one takes most, the rate-limited one its rate, none idle while items wait', async () => {
    const sims: SimServer[] = await Promise.all([
      startSim({ latencyMs: 5 }),
      startSim({ latencyMs: 40 }),
      // A minute's worth is 120 requests, then 2 per second: its 429s must not slow the others.
      startSim({ latencyMs: 5, rpm: 120 }),
    ]);
    const [fast, slow, limited] = sims as [SimServer, SimServer, SimServer];
    const { router } = startEndpoints(
      [
        { name: 'fast', url: fast.baseURL, weight: 1 },
        { name: 'slow', url: slow.baseURL, weight: 1 },
        { name: 'limited', url: limited.baseURL, weight: 1 },
      ],
      { model: 'sim-1', concurrency: 8 },
    );
    try {
      const report = await runSwarm({ router, source: promptSource('q', 1500, []), secrets: [] });
      expect(report).toMatchObject({ n: 1500, ok: 1500, failed: 0 });
      const f = byName(report.endpoints);
      // Answered once: each server's 200s are exactly what its endpoint is credited with.
      expect(f.fast!.ok + f.slow!.ok + f.limited!.ok).toBe(1500);
      for (const [name, sim] of [['fast', fast], ['slow', slow], ['limited', limited]] as const) {
        expect(sim.stats().statuses['200']).toBe(f[name]!.ok);
      }
      // By capacity: 8 slots at 5 ms against 8 at 40 ms; the limited one near its budget.
      expect(f.fast!.ok).toBeGreaterThan(2 * f.slow!.ok);
      expect(f.slow!.ok).toBeGreaterThan(0);
      expect(f.limited!.ok).toBeGreaterThanOrEqual(100);
      expect(f.limited!.ok).toBeLessThanOrEqual(120 + Math.ceil((report.wall_ms / 1000) * 2) + 2);
      // Its own 429s cut its own limit and paused only it.
      expect(f.limited!.rate_limited).toBeGreaterThan(0);
      expect(f.limited!.concurrency.min).toBeLessThan(8);
      expect(f.fast!.concurrency.min).toBe(8);
      expect(f.fast!.rate_limited + f.slow!.rate_limited).toBe(0);
      // None idle while items waited: both unlimited servers saw their full ceiling at once.
      expect(fast.stats().peakInFlight).toBe(8);
      expect(slow.stats().peakInFlight).toBe(8);
    } finally {
      await router.close();
      await Promise.all(sims.map((s) => s.close()));
    }
  }, 60_000);

  test('one endpoint killed mid-run: 0 items lost or doubled, its share moves to the others', () =>
    withTempDir(async (t) => {
      const procs = await Promise.all([simProcess(['--latency-ms', '5']), simProcess(['--latency-ms', '5']), simProcess(['--latency-ms', '5'])]);
      const { router } = startEndpoints(
        procs.map((p, i) => ({ name: `e${i}`, url: p.url, weight: 1 })),
        { model: 'sim-1', concurrency: 10 },
      );
      const out = t.file('r.jsonl');
      const n = 4000;
      try {
        const running = runSwarm({ router, source: promptSource('q', n, []), out, secrets: [] });
        await eventually(() => (statSync(out, { throwIfNoEntry: false })?.size ?? 0) > 40_000, Boolean, 30_000);
        procs[1]!.child.kill('SIGKILL');
        const report = await running;
        expect(report).toMatchObject({ n, ok: n, failed: 0 });
        const lines = ids(out);
        expect(lines).toHaveLength(n);
        expect(new Set(lines.map((l) => l.id)).size).toBe(n);
        const f = byName(report.endpoints);
        expect(f.e1!.down).toBeGreaterThanOrEqual(1);
        expect(f.e1!.ok).toBeGreaterThan(0); // it had a share before it died
        expect(f.e1!.ok).toBeLessThan(n / 3);
        expect(f.e0!.ok + f.e2!.ok).toBe(n - f.e1!.ok);
        expect(f.e0!.ok).toBeGreaterThan(n / 3);
        expect(f.e2!.ok).toBeGreaterThan(n / 3);
      } finally {
        await router.close();
        for (const p of procs) p.child.kill('SIGKILL');
      }
    }), 60_000);
});
