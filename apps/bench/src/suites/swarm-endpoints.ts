// swarm over several endpoints (issue 22): three llm-sim processes of different speed and rate limit,
// each endpoint's capacity measured alone (a single-endpoint swarm at the same per-endpoint
// concurrency), then one swarm sharing the work among all three. Target: the shared run's throughput
// ≥ 0.9× the sum of the three capacities; beside it, the best single endpoint doing the same work.
// The rate-limited sim's bucket holds a minute's worth of requests, so it is drained before every
// measurement: each one sees its steady rate, not its first-minute burst. Latencies are long enough
// that the four processes' CPU on two cores is not what limits them: each endpoint's capacity is its own.
//
// A second row: 100k calls over three sims at low latency, beside the best of them alone. The sims
// answer fast enough that the run is bounded (about a minute): the best endpoint alone is timed on a
// quarter of the calls and its rate scaled to 100k, which the row says. Concurrency is kept low
// enough that the endpoints' latency, not the two cores the client and three sims share, sets their
// capacity (the figure is about routing, not about CPU).
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { median, ratioRow } from '../measure.js';
import { REPO_ROOT, runNode, startSimProcess, type SimProcess } from '../sim-process.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const SWARM_BIN = path.join(REPO_ROOT, 'packages/swarm/bin/swarm.js');
const MODEL = 'sim-1';
const PER_ENDPOINT = 20;
const LIMITED_RPM = 1800;
// name, sim flags, items for a ~2 s solo measurement (none for the rate-limited one: its rate is known)
const ENDPOINTS = [
  { name: 'a', args: ['--latency-ms', '100'], solo: 600 },
  { name: 'b', args: ['--latency-ms', '250'], solo: 240 },
  { name: 'c', args: ['--latency-ms', '10', '--rpm', String(LIMITED_RPM)], solo: 0 },
] as const;

interface Summary {
  readonly ok: number;
  readonly wall_ms: number;
  readonly endpoints?: Array<{ name: string; ok: number; rate_limited: number }>;
}

async function swarm(args: readonly string[], n: number, dir: string): Promise<Summary> {
  const out = path.join(dir, 'r.jsonl');
  const stdout = await runNode([SWARM_BIN, 'q', '--n', String(n), '--model', MODEL, '--out', out, '--force', '--json', ...args]);
  const summary = JSON.parse(stdout) as Summary;
  if (summary.ok !== n) throw new Error(`swarm answered ${summary.ok} of ${n}`);
  return summary;
}

/** Fresh sims, the limited one drained to its steady rate. */
async function startSims(dir: string): Promise<SimProcess[]> {
  const sims = await Promise.all(ENDPOINTS.map((e) => startSimProcess(e.args)));
  await swarm(['--base-url', sims[2]!.baseURL, '--concurrency', '200', '--retries', '0'], LIMITED_RPM, dir);
  return sims;
}

async function closeAll(sims: readonly SimProcess[]): Promise<void> {
  await Promise.all(sims.map((s) => s.close()));
}

// name, latency (ms): the same concurrency everywhere, so the fastest one is the best alone.
const FAST = [
  { name: 'a', latencyMs: 10 },
  { name: 'b', latencyMs: 20 },
  { name: 'c', latencyMs: 40 },
] as const;
const FAST_N = 100_000;
const FAST_SINGLE_N = 25_000;
const FAST_PER_ENDPOINT = 15;

/** 100k calls shared by three fast sims, beside the fastest of them alone (timed on a quarter of the calls). */
async function hundredThousand(ctx: BenchContext, dir: string): Promise<BenchRow> {
  ctx.log(`swarm-endpoints: ${FAST_N} calls over ${FAST.length} endpoints`);
  const sims = await Promise.all(FAST.map((e) => startSimProcess(['--latency-ms', String(e.latencyMs)])));
  let shared: Summary;
  let single: Summary;
  try {
    const flags = FAST.flatMap((e, i) => ['--endpoint', `${e.name}=${sims[i]!.baseURL}`]);
    shared = await swarm([...flags, '--concurrency', String(FAST_PER_ENDPOINT)], FAST_N, dir);
    ctx.log(`swarm-endpoints: the best endpoint alone, ${FAST_SINGLE_N} calls`);
    single = await swarm(['--base-url', sims[0]!.baseURL, '--concurrency', String(FAST_PER_ENDPOINT)], FAST_SINGLE_N, dir);
  } finally {
    await closeAll(sims);
  }
  const singleMs = single.wall_ms * (FAST_N / FAST_SINGLE_N);
  const split = (shared.endpoints ?? []).map((e) => `${e.name} ${e.ok}`).join(', ');
  const ideal = FAST.reduce((sum, e) => sum + (FAST_PER_ENDPOINT * 1000) / e.latencyMs, 0);
  return {
    work: `${FAST_N / 1000}k calls over 3 sim endpoints (${FAST.map((e) => `${e.latencyMs} ms`).join('; ')}), c${FAST_PER_ENDPOINT} each`,
    baseline: {
      name: `the best endpoint (${FAST[0].latencyMs} ms) alone: its rate over ${FAST_SINGLE_N / 1000}k calls, scaled to ${FAST_N / 1000}k`,
      ms: Math.round(singleMs),
    },
    fanout: Math.round(shared.wall_ms),
    ratio: ratioRow(shared.wall_ms, singleMs),
    ratioAgainst: 'the best single endpoint',
    target: '< 1×',
    pass: shared.wall_ms < singleMs,
    note:
      `${Math.round((FAST_N / shared.wall_ms) * 1000)} calls/s shared (${ratioRow(FAST_N / shared.wall_ms, ideal / 1000)}× the ` +
      `${Math.round(ideal)} calls/s the three latencies allow) vs ${Math.round((FAST_SINGLE_N / single.wall_ms) * 1000)} alone; split ${split}`,
  };
}

interface Round {
  /** Items per second of each endpoint alone. */
  readonly capacities: number[];
  readonly sharedMs: number;
  readonly bestSingleMs: number;
  readonly shared: Summary;
}

async function round(n: number, dir: string): Promise<Round> {
  // The limited endpoint's capacity is its rate: alone, a short run would mostly measure the requests
  // its bucket refilled while swarm started; a run long enough to dwarf them would take minutes.
  const capacities: number[] = [];
  for (const e of ENDPOINTS.slice(0, 2)) {
    const sim = await startSimProcess(e.args);
    try {
      const solo = await swarm(['--base-url', sim.baseURL, '--concurrency', String(PER_ENDPOINT)], e.solo, dir);
      capacities.push((e.solo / solo.wall_ms) * 1000);
    } finally {
      await sim.close();
    }
  }
  capacities.push(LIMITED_RPM / 60);
  let sims = await startSims(dir);
  let shared: Summary;
  try {
    const flags = ENDPOINTS.flatMap((e, i) => ['--endpoint', `${e.name}=${sims[i]!.baseURL}`]);
    shared = await swarm([...flags, '--concurrency', String(PER_ENDPOINT)], n, dir);
  } finally {
    await closeAll(sims);
  }
  const best = capacities.indexOf(Math.max(...capacities));
  sims = [await startSimProcess(ENDPOINTS[best]!.args)];
  try {
    const single = await swarm(['--base-url', sims[0]!.baseURL, '--concurrency', String(PER_ENDPOINT)], n, dir);
    return { capacities, sharedMs: shared.wall_ms, bestSingleMs: single.wall_ms, shared };
  } finally {
    await closeAll(sims);
  }
}

export const suite: BenchSuite = {
  name: 'swarm-endpoints',
  quick: false,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const n = 2000;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-swarm-endpoints-'));
    try {
      const rounds: Round[] = [];
      // Each round starts seven swarms and a dozen sims: three rounds are plenty for a median.
      const reps = Math.min(ctx.reps, 3);
      for (let r = 0; r < reps; r++) {
        ctx.log(`swarm-endpoints: round ${r + 1}/${reps}`);
        rounds.push(await round(n, dir));
      }
      const capacities = ENDPOINTS.map((_, i) => median(rounds.map((r) => r.capacities[i]!)));
      const sum = capacities.reduce((a, b) => a + b, 0);
      const sharedMs = median(rounds.map((r) => r.sharedMs));
      const rps = (n / sharedMs) * 1000;
      const ratio = ratioRow(rps, sum);
      const last = rounds[rounds.length - 1]!.shared;
      const fast = await hundredThousand(ctx, dir);
      const split = (last.endpoints ?? []).map((e) => `${e.name} ${e.ok}${e.rate_limited ? ` (${e.rate_limited} 429s)` : ''}`).join(', ');
      return [
        {
          work: `${n} calls over 3 sim endpoints (100 ms; 250 ms; 10 ms at ${LIMITED_RPM} rpm), c${PER_ENDPOINT} each`,
          baseline: { name: 'best single endpoint alone, same calls', ms: Math.round(median(rounds.map((r) => r.bestSingleMs))) },
          fanout: Math.round(sharedMs),
          ratio,
          ratioAgainst: 'sum of the endpoints’ capacities (throughput)',
          target: '≥ 0.9×',
          pass: ratio >= 0.9,
          note:
            `${Math.round(rps)} calls/s shared vs capacities ${capacities.map((c) => Math.round(c)).join(' + ')} = ${Math.round(sum)} calls/s ` +
            `(a, b measured alone; c its rate); split ${split}`,
        },
        fast,
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
