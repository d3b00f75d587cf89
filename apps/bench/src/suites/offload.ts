// offload over a generated corpus: 1000 files (~2 M tokens) with a fact planted in every tenth,
// through llm-sim's deterministic reader in its own process (c50, 100 ms per call), the offload CLI
// in another, started with the node flags of its shebang as a shell would. The ideal for the calls it
// makes is one 100 ms wave per 50 reader calls, plus one 100 ms wave per reduce level (those run
// after the readers, one level after another). Also reported: what the main context would have read
// (tokens_read) against what it receives (tokens_answer), a run with 20 % of the reader's quotes made
// up, which verification must drop, and the simulator's CPU (it stands in for a remote API, but
// shares the cores with the CLI). Beside the ideal, the floor measured in the same run: the very
// requests offload sent, recorded once and replayed from a cold process by bare undici at the same
// concurrency (offload/replay.ts): what these calls cost on this machine with none of offload's work.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ratioRow } from '../measure.js';
import { REPO_ROOT, runNode, startSimProcess, type SimProcess } from '../sim-process.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const OFFLOAD_BIN = path.join(REPO_ROOT, 'packages/offload/bin/offload.js');
const REPLAY = fileURLToPath(new URL('./offload/replay.js', import.meta.url));
const FILES = 1000;
const LATENCY_MS = 100;
const CONCURRENCY = 50;
const QUESTION = 'Where is the vortex lattice budget configured?';

interface Planted {
  readonly file: string;
  readonly line: number;
  readonly value: number;
}

/**
 * Writes ~8 KB (~2000 tokens) of TypeScript-like text per file; every tenth file gets one line with
 * the question's words and a value. Returns the planted lines.
 */
function writeCorpus(dir: string): Planted[] {
  const planted: Planted[] = [];
  const verbs = ['load', 'parse', 'merge', 'render', 'flush', 'index', 'store', 'fetch'];
  for (let f = 0; f < FILES; f++) {
    const rel = `pkg${f % 20}/src/part-${f}.ts`;
    const lines: string[] = [];
    for (let i = 0; lines.length < 190; i++) {
      const verb = verbs[(f + i) % verbs.length]!;
      lines.push(`export async function ${verb}Step${i}(input: Record<string, number>): Promise<number> {`);
      lines.push(`  const total = Object.values(input).reduce((sum, v) => sum + v * ${i + 1}, ${f % 97});`);
      lines.push(`  return total > ${1000 + i} ? total - ${i} : total + ${f % 13}; // ${verb} step ${i} of part ${f}`);
      lines.push('}', '');
    }
    if (f % 10 === 0) {
      const line = 20 + (f % 150);
      const value = 4000 + f;
      lines.splice(line - 1, 0, `export const VORTEX_LATTICE_BUDGET = ${value}; // vortex lattice budget, configured here`);
      planted.push({ file: rel, line, value });
    }
    mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), `${lines.join('\n')}\n`);
  }
  return planted;
}

interface OffloadJson {
  readonly answer: string;
  readonly findings: readonly { file: string; line_start: number; line_end: number; quote: string; verified: boolean }[];
  readonly stats: {
    files: number;
    chunks: number;
    map_calls: number;
    reduce_calls: number;
    reduce_levels: number;
    failed_chunks: number;
    tokens_read: number;
    tokens_answer: number;
    unverified_dropped: number;
    wall_ms: number;
  };
}

/**
 * The node flags in a bin's shebang (`#!/usr/bin/env -S node --liftoff-only`): a shell (or npm's
 * symlinked bin) starts the CLI with them, so the bench does too.
 */
function shebangFlags(bin: string): string[] {
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0]!;
  const flags = /^#!.*\bnode((?:\s+-[^\s]+)*)\s*$/.exec(first)?.[1] ?? '';
  return flags.split(/\s+/).filter((f) => f !== '');
}

/** One offload run, with the wall of its whole process (start-up and exit included). */
async function runOffload(corpus: string, sim: SimProcess, cacheDir: string): Promise<{ result: OffloadJson; processMs: number }> {
  const flags = ['--json', '--base-url', sim.baseURL, '--model', 'sim-1', '-c', String(CONCURRENCY), '--cache-dir', cacheDir];
  const args = [...shebangFlags(OFFLOAD_BIN), OFFLOAD_BIN, QUESTION, '.', ...flags];
  const start = performance.now();
  const result = JSON.parse(await runNode(args, corpus)) as OffloadJson;
  return { result, processMs: performance.now() - start };
}

/** The floor's replay of `recorded` (offload/replay.ts), started with the same node flags as offload. */
async function runReplay(sim: SimProcess, recorded: string): Promise<{ ms: number; calls: number }> {
  return JSON.parse(await runNode([...shebangFlags(OFFLOAD_BIN), REPLAY, 'replay', sim.baseURL, recorded, String(CONCURRENCY)])) as {
    ms: number;
    calls: number;
  };
}

/** Every planted line found at its exact file:line, verified; returns what is missing. */
function missing(result: OffloadJson, planted: readonly Planted[]): string[] {
  const found = new Set(result.findings.filter((f) => f.verified).map((f) => `${f.file}:${f.line_start}-${f.line_end}`));
  return planted.filter((p) => !found.has(`${p.file}:${p.line}-${p.line}`)).map((p) => `${p.file}:${p.line}`);
}

/** Values the answer states for VORTEX_LATTICE_BUDGET that no file holds (a made-up quote getting through). */
function inventedValues(result: OffloadJson, planted: readonly Planted[]): number[] {
  const real = new Set(planted.map((p) => p.value));
  return [...result.answer.matchAll(/VORTEX_LATTICE_BUDGET = (\d+)/g)].map((m) => Number(m[1])).filter((v) => !real.has(v));
}

async function measure(ctx: BenchContext, dir: string, corpus: string, planted: readonly Planted[]): Promise<BenchRow> {
  const sim = await startSimProcess(['--latency-ms', String(LATENCY_MS)]);
  const runs: OffloadJson[] = [];
  const processMs: number[] = [];
  const floors: number[] = [];
  // The simulator stands in for a remote API but runs on the same cores: its CPU per run is reported.
  const simCpu: number[] = [];
  try {
    const recorded = path.join(dir, 'requests.json');
    await runNode([REPLAY, 'record', sim.baseURL, corpus, QUESTION, String(CONCURRENCY), recorded]);
    const reps = Math.max(3, ctx.reps);
    for (let i = 0; i <= reps; i++) {
      const cacheDir = path.join(dir, `cache-${i}`); // a fresh cache: every chunk is read
      const cpuBefore = sim.cpuMs();
      const { result, processMs: whole } = await runOffload(corpus, sim, cacheDir);
      const cpu = cpuBefore === undefined ? undefined : sim.cpuMs()! - cpuBefore;
      const lost = missing(result, planted);
      if (lost.length > 0) throw new Error(`offload missed ${lost.length} planted lines, e.g. ${lost[0]}`);
      if (result.stats.failed_chunks > 0) throw new Error(`${result.stats.failed_chunks} chunks failed`);
      // Interleaved with the runs, so both see the same machine.
      const floor = await runReplay(sim, recorded);
      if (floor.calls !== result.stats.map_calls + result.stats.reduce_calls) {
        throw new Error(`the floor replayed ${floor.calls} calls, offload made ${result.stats.map_calls + result.stats.reduce_calls}`);
      }
      if (i > 0) {
        // The first run warms the disk cache and the simulator.
        runs.push(result);
        processMs.push(whole);
        floors.push(floor.ms);
        if (cpu !== undefined) simCpu.push(cpu);
      }
      ctx.log(
        `  run ${i}${i === 0 ? ' (warm-up)' : ''}: ${result.stats.wall_ms} ms (process ${Math.round(whole)} ms), ${result.stats.map_calls} reader calls, ` +
          `${result.stats.reduce_calls} reduce; floor ${floor.ms} ms` +
          (cpu === undefined ? '' : `; llm-sim used ${cpu} ms of CPU`),
      );
    }
  } finally {
    await sim.close();
  }
  const fab = await startSimProcess(['--latency-ms', String(LATENCY_MS), '--fabricate-rate', '0.2']);
  let fabricated: OffloadJson;
  try {
    fabricated = (await runOffload(corpus, fab, path.join(dir, 'cache-fabricated'))).result;
  } finally {
    await fab.close();
  }
  const invented = inventedValues(fabricated, planted);
  const unverifiedShown = fabricated.findings.filter((f) => !f.verified).length;

  const wall = median(runs.map((r) => r.stats.wall_ms));
  const s = runs[0]!.stats;
  const ideal = (Math.ceil(s.map_calls / CONCURRENCY) + s.reduce_levels) * LATENCY_MS;
  const ratio = ratioRow(wall, ideal);
  const floor = median(floors);
  const saved = ((1 - s.tokens_answer / s.tokens_read) * 100).toFixed(2);
  const simShare =
    simCpu.length === 0
      ? ''
      : `; llm-sim's CPU ${Math.round(median(simCpu))} ms per run (${Math.round((median(simCpu) / wall) * 100)} % of the wall, on the same cores)`;
  const found = planted.length;
  return {
    work: `offload ${FILES} files (${(s.tokens_read / 1e6).toFixed(2)} M tokens), sim reader c${CONCURRENCY} @${LATENCY_MS} ms`,
    fanout: Math.round(wall),
    ratio,
    ratioAgainst: `ideal ${ideal} ms (${s.map_calls} reader calls in waves of ${CONCURRENCY} + ${s.reduce_levels} reduce ` +
      `level${s.reduce_levels === 1 ? '' : 's'}); floor ${Math.round(floor)} ms = ${ratioRow(floor, ideal)}×`,
    target: '≤ 1.1×; every planted fact found at its file:line; 0 unverified quotes',
    pass: ratio <= 1.1 && invented.length === 0 && unverifiedShown === 0,
    note:
      `the floor: the same ${s.map_calls + s.reduce_calls} requests replayed from a cold process by bare undici at c${CONCURRENCY}, ` +
      `${Math.round(floor)} ms (${ratioRow(floor, ideal)}× the ideal); offload ${ratioRow(wall, floor)}× the floor; ` +
      `offload's whole process (start-up and exit included) ${Math.round(median(processMs))} ms; ` +
      `${found}/${found} planted facts found at their file:line in every run; tokens_read ${s.tokens_read.toLocaleString('en-US')} → ` +
      `tokens_answer ${s.tokens_answer.toLocaleString('en-US')} (${Math.round(s.tokens_read / s.tokens_answer)}× less, ${saved} % of the context saved); ` +
      `with 20 % of quotes made up: ${fabricated.stats.unverified_dropped} unverified findings dropped, ${invented.length} made-up values in the answer` +
      simShare,
  };
}

export const suite: BenchSuite = {
  name: 'offload',
  quick: true,
  async run(ctx) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-offload-'));
    try {
      const corpus = path.join(dir, 'corpus');
      const planted = writeCorpus(corpus);
      ctx.log(`${FILES} files, ${planted.length} planted facts; offload CLI against llm-sim's reader (c${CONCURRENCY}, ${LATENCY_MS} ms)`);
      return [await measure(ctx, dir, corpus, planted)];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
