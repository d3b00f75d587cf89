// hook-monitor, all in one run:
//   1. the cost of recording one run of 20 hooks (recordRun, median of 2000 calls; ≤ 1 ms), beside a
//      naive `fs.appendFileSync(JSON.stringify(record))` that does the same write without the
//      field-picking that keeps prompts out of the store;
//   2. `hook-monitor report` over 10^6 hook records (50,000 runs × 20 hooks; --quick: 10^5) as a real
//      process: wall time and peak RSS, beside a naive reader that loads every record into memory
//      and sorts each hook's durations;
//   3. `hook-monitor wrap` around `true`, beside node spawning `true` itself (wrap sits on Claude
//      Code's path, so what it adds is what matters).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordRun } from '@fanout/hook-monitor';
import type { HookRunRecord } from '@fanout/hook-monitor';
import { median, ratioRow } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../../../packages/hook-monitor/bin/hook-monitor.js');
// Makes a node child print its peak RSS (KiB) on stderr as it exits.
const RSS_PRELOAD = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))';
const HOOKS = 20;

// What a report costs when written the obvious way: every record in memory, every duration sorted.
const NAIVE_REPORT = `
import fs from 'node:fs';
import path from 'node:path';
const dir = process.argv[2];
const runs = [];
for (const name of fs.readdirSync(dir).sort()) {
  for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\\n')) {
    if (line) try { runs.push(JSON.parse(line)); } catch {}
  }
}
const byHook = new Map();
for (const run of runs) for (const h of run.hooks) {
  const key = run.event + ' ' + h.id;
  if (!byHook.has(key)) byHook.set(key, []);
  byHook.get(key).push(h.end_ms - h.start_ms);
}
const out = {};
for (const [key, values] of byHook) {
  values.sort((a, b) => a - b);
  out[key] = { p50: values[Math.ceil(values.length / 2) - 1], p95: values[Math.ceil(values.length * 0.95) - 1] };
}
process.stdout.write(JSON.stringify({ runs: runs.length, hooks: Object.keys(out).length }) + '\\n');
`;

function sampleRun(i: number, seed: { value: number }): HookRunRecord {
  const next = (): number => (seed.value = (seed.value * 48271) % 2147483647) / 2147483647;
  const hooks = Array.from({ length: HOOKS }, (_, h) => {
    const start = h % 5 === 4 ? 40 : 0;
    return {
      id: `hook-${String(h).padStart(2, '0')}`,
      ...(h % 5 === 4 ? { after: [`hook-${String(h - 1).padStart(2, '0')}`] } : {}),
      start_ms: start,
      end_ms: start + 5 + next() * 60,
      exit_code: next() < 0.01 ? 1 : 0,
      timed_out: false,
      decision: 'none' as const,
      stdout_bytes: h % 3 === 0 ? 64 : 0,
      stderr_bytes: 0,
    };
  });
  return {
    v: 1,
    run_id: `bench-${i}`,
    ts: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    event: i % 5 === 0 ? 'PreToolUse' : 'UserPromptSubmit',
    session_id: `s-${i >> 8}`,
    source: 'run',
    wall_ms: 110 + next() * 10,
    hooks,
  };
}

function child(args: readonly string[]): Promise<{ ms: number; rssMb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(process.execPath, ['--import', RSS_PRELOAD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const ms = performance.now() - started;
      const rss = /maxrss_kb=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) reject(new Error(`${args.join(' ').slice(0, 120)} exited ${code}: ${stderr.slice(-600)}`));
      else resolve({ ms, rssMb: Number(rss[1]) / 1024, stdout });
    });
  });
}

function recordCost(context: BenchContext, dir: string): BenchRow {
  const seed = { value: 1 };
  const calls = context.quick ? 500 : 2000;
  const records = Array.from({ length: calls }, (_, i) => sampleRun(i, seed));
  const time = (write: (record: HookRunRecord) => void): number[] =>
    records.map((record) => {
      const start = performance.now();
      write(record);
      return performance.now() - start;
    });
  recordRun(records[0]!, { dir }); // creates the directory: not part of the steady state
  const fanout = time((record) => recordRun(record, { dir }));
  const naiveFile = path.join(dir, 'naive.jsonl');
  const naive = time((record) => fs.appendFileSync(naiveFile, `${JSON.stringify(record)}\n`));
  const ms = median(fanout);
  const sorted = [...fanout].sort((a, b) => a - b);
  const us = (value: number): number => Math.round(value * 10_000) / 10;
  return {
    work: `record one run of ${HOOKS} hooks (recordRun)`,
    peer: { name: 'appendFileSync(JSON.stringify)', ms: us(median(naive)) },
    fanout: us(ms),
    unit: 'µs',
    ratio: ratioRow(ms, 1),
    ratioAgainst: '1 ms budget',
    target: '≤ 1000 µs median',
    pass: ms <= 1,
    note: `median of ${calls} calls; p99 ${us(sorted[Math.ceil(calls * 0.99) - 1]!)} µs; one O_APPEND write each, fields picked so no prompt can leak`,
  };
}

async function reportCost(context: BenchContext, dir: string): Promise<BenchRow[]> {
  const runs = context.quick ? 5_000 : 50_000;
  const store = path.join(dir, 'store');
  const seed = { value: 7 };
  context.log(`writing ${runs} runs × ${HOOKS} hooks`);
  for (let i = 0; i < runs; i++) recordRun(sampleRun(i, seed), { dir: store });
  const bytes = fs.readdirSync(store).reduce((sum, name) => sum + fs.statSync(path.join(store, name)).size, 0);
  const reps = context.quick ? 1 : 3;
  const fanout = [];
  for (let i = 0; i < reps; i++) fanout.push(await child([BIN, 'report', '--dir', store, '--json']));
  const report = JSON.parse(fanout[0]!.stdout) as { runs: number; hookRecords: number };
  if (report.hookRecords !== runs * HOOKS) throw new Error(`report saw ${report.hookRecords} hook records, expected ${runs * HOOKS}`);
  const naiveScript = path.join(dir, 'naive-report.mjs');
  fs.writeFileSync(naiveScript, NAIVE_REPORT);
  const naive = await child([naiveScript, store]);
  const ms = median(fanout.map((run) => run.ms));
  const rss = Math.max(...fanout.map((run) => run.rssMb));
  const records = `${(runs * HOOKS).toExponential(0).replace('e+', '×10^')}`;
  return [
    {
      work: `report over ${records} hook records`,
      peer: { name: 'load all + sort', ms: naive.ms },
      fanout: ms,
      ratio: ratioRow(ms, naive.ms),
      ratioAgainst: 'load all + sort',
      target: context.quick ? '≤ 1 s' : '≤ 5 s',
      pass: ms <= (context.quick ? 1000 : 5000),
      note: `${runs} runs, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${fs.readdirSync(store).length} files; whole process incl. node start; median of ${reps}`,
    },
    {
      work: `report over ${records} hook records: peak RSS`,
      peer: { name: 'load all + sort', ms: Math.round(naive.rssMb) },
      fanout: Math.round(rss),
      unit: 'MB',
      ratio: ratioRow(rss, naive.rssMb),
      ratioAgainst: 'load all + sort',
      target: '≤ 150 MB',
      pass: rss <= 150,
      note: 'streamed line by line; per-hook histograms, not samples',
    },
  ];
}

async function wrapCost(context: BenchContext, dir: string): Promise<BenchRow> {
  const store = path.join(dir, 'wrap-store');
  const run = (args: string[]): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const proc = spawn(process.execPath, args, { stdio: 'ignore' });
      proc.once('error', reject);
      proc.once('exit', () => resolve(performance.now() - started));
    });
  // The least any Node wrapper pays: start node and spawn the hook. Interleaved with wrap so a
  // busy machine slows both sides alike.
  const bareArgs = ['-e', "require('node:child_process').spawnSync('true')"];
  const wrapArgs = [BIN, 'wrap', '--id', 'noop', '--dir', store, '--', 'true'];
  await run(bareArgs);
  await run(wrapArgs);
  const bare: number[] = [];
  const wrapped: number[] = [];
  for (let i = 0; i < (context.quick ? 7 : 21); i++) {
    bare.push(await run(bareArgs));
    wrapped.push(await run(wrapArgs));
  }
  const bareMs = median(bare);
  const wrapMs = median(wrapped);
  return {
    work: 'hook-monitor wrap -- true',
    baseline: { name: 'node spawning true', ms: bareMs },
    fanout: wrapMs,
    ratio: ratioRow(wrapMs, bareMs),
    ratioAgainst: 'node spawning true',
    target: '≤ +30 ms',
    pass: wrapMs <= bareMs + 30,
    note: 'what wrap adds to a hook Claude Code runs: module loading, byte pass-through, one recorded run; yargs is never loaded',
  };
}

export const suite: BenchSuite = {
  name: 'hook-monitor',
  quick: true,
  async run(context) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hook-monitor-'));
    try {
      const rows = [recordCost(context, path.join(dir, 'record'))];
      rows.push(...(await reportCost(context, dir)));
      rows.push(await wrapCost(context, dir));
      return rows;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
