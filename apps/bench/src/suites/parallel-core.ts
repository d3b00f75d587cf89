// parallel-core: the pool's own overhead against p-map (at c50 and unbounded), how its time grows with
// N, per-attempt time limits at high concurrency, and pstream's memory as N grows.
import { execFile } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { promisify } from 'node:util';
import { pmap } from '@fanout/parallel-core';
import pMap from 'p-map';
import { median, ratioRow } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const run = promisify(execFile);
const CONCURRENCY = 50;
const noop = async (x: number) => x;

const time = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/**
 * Rows 1–2: 100k no-op tasks, pmap (default settle-all, and failFast) against p-map alone,
 * interleaved, at `concurrency` (50, and Infinity: p-map's default, where every item may start at once).
 */
async function overhead(context: BenchContext, concurrency: number): Promise<BenchRow> {
  const items = Array.from({ length: 100_000 }, (_, i) => i);
  const options = { concurrency };
  const peer: number[] = [];
  const settled: number[] = [];
  const failFast: number[] = [];
  const runs = [
    () => time(() => pMap(items, noop, options)).then((ms) => peer.push(ms)),
    () => time(() => pmap(items, noop, options)).then((ms) => settled.push(ms)),
    () => time(() => pmap(items, noop, { ...options, failFast: true })).then((ms) => failFast.push(ms)),
  ];
  for (const warm of runs) await warm();
  peer.length = settled.length = failFast.length = 0;
  for (let rep = 0; rep < context.reps; rep++) {
    // Rotate the order so neither side always runs right after a GC-heavy neighbour.
    for (let k = 0; k < runs.length; k++) await runs[(rep + k) % runs.length]!();
  }
  const peerMs = median(peer);
  const fanoutMs = median(settled);
  const ratio = ratioRow(fanoutMs, peerMs);
  const c = concurrency === Infinity ? 'c∞' : `c${concurrency}`;
  context.log(`${c}: pmap ${fanoutMs.toFixed(1)} ms, failFast ${median(failFast).toFixed(1)} ms, p-map ${peerMs.toFixed(1)} ms`);
  return {
    work: `100k no-op tasks through pmap (${c}${concurrency === Infinity ? ', p-map’s default' : ''})`,
    peer: { name: 'p-map 7', ms: peerMs },
    fanout: fanoutMs,
    ratio,
    ratioAgainst: 'p-map',
    target: '≤ 1.0×',
    pass: ratio <= 1,
    note: `default settle-all records; failFast (plain values, like p-map): ${median(failFast).toFixed(1)} ms ` +
      `(${ratioRow(median(failFast), peerMs)}×); medians of ${context.reps}`,
  };
}

/**
 * Row 3: pmap's time per item as runs grow from 10k to 1M items at c∞ (quick: 1k to 100k). Each size
 * maps the same total (100 runs of 10k, 10 of 100k, one of 1M), so every size pays the same garbage
 * collection: a lone small run fits in V8's young generation and pays none, which would make even a
 * plain `for … await` loop look superlinear. Linear means each 10× in run size costs 10× the time.
 * Time here is the process's CPU time: the question is work per item, and on a shared machine other
 * processes' load would otherwise decide the ratio.
 */
async function growth(context: BenchContext): Promise<BenchRow> {
  const total = context.quick ? 100_000 : 1_000_000;
  const sizes = [total / 100, total / 10, total];
  const inputs = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const perTotal = async (map: (items: number[]) => Promise<unknown>, reps: number) => {
    await map(inputs[0]!);
    const times: number[][] = sizes.map(() => []);
    for (let rep = 0; rep < reps; rep++) {
      for (const [i, items] of inputs.entries()) {
        const before = process.cpuUsage();
        for (let k = 0; k < total / items.length; k++) await map(items);
        const used = process.cpuUsage(before);
        times[i]!.push((used.user + used.system) / 1000);
      }
    }
    const ms = times.map(median);
    return { ms, steps: ms.slice(1).map((m, i) => (10 * m) / ms[i]!) };
  };
  const reps = Math.min(context.reps, 3);
  const fanout = await perTotal((items) => pmap(items, noop, { concurrency: Infinity }), reps);
  // p-map for contrast, once (it is several times slower); not in quick runs.
  const peer = context.quick ? undefined : await perTotal((items) => pMap(items, noop), 1);
  const fmt = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
  const steps = (r: { steps: number[] }) => r.steps.map((x, i) => `${fmt(sizes[i]!)}→${fmt(sizes[i + 1]!)} ${x.toFixed(1)}×`).join(', ');
  const worst = Math.max(...fanout.steps);
  context.log(`growth c∞: ${steps(fanout)}${peer ? `; p-map ${steps(peer)}` : ''}`);
  return {
    work: `pmap time as one run grows ${fmt(sizes[0]!)} → ${fmt(total)} items (c∞)`,
    baseline: { name: `${fmt(total)} items in runs of ${fmt(sizes[0]!)}`, ms: fanout.ms[0]! },
    fanout: fanout.ms[2]!,
    ratio: ratioRow(worst, 10),
    ratioAgainst: 'linear (worst 10× step)',
    target: '≤ 1.2× (10×–12× time per 10× items)',
    pass: worst <= 12,
    note:
      `CPU time for ${fmt(total)} items each way, in runs of ${sizes.map(fmt).join(' / ')}: ${fanout.ms.map((m) => `${m.toFixed(0)} ms`).join(' / ')}; ` +
      `time per 10× items ${steps(fanout)}` +
      (peer ? `; p-map 7 (one repetition): ${peer.ms.map((m) => `${m.toFixed(0)} ms`).join(' / ')}, ${steps(peer)}` : '') +
      `; medians of ${reps}`,
  };
}

/**
 * Row 4: 100k tasks under a per-attempt `timeoutMs` at concurrency 1000, each reading its signal (as
 * fetch does) and yielding once, against p-map with the usual hand-rolled per-task limit: an
 * AbortController, a setTimeout and an 'abort' listener on the run's shared signal per task (what
 * parallel-core itself did before the deadline queue).
 */
async function timeouts(context: BenchContext): Promise<BenchRow> {
  const n = 100_000;
  const concurrency = 1_000;
  const timeoutMs = 60_000;
  const items = Array.from({ length: n }, (_, i) => i);
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  const task = async (x: number, signal: AbortSignal) => {
    await tick();
    return signal.aborted ? -1 : x;
  };
  const naive = () => {
    const run = new AbortController();
    setMaxListeners(0, run.signal);
    return pMap(items, (x) => {
      const controller = new AbortController();
      const onAbort = () => controller.abort(run.signal.reason);
      run.signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
      return task(x, controller.signal).finally(() => {
        clearTimeout(timer);
        run.signal.removeEventListener('abort', onAbort);
      });
    }, { concurrency });
  };
  const withTimeout = () => pmap(items, (x, { signal }) => task(x, signal), { concurrency, timeoutMs });
  const untouched = () => pmap(items, () => tick(), { concurrency, timeoutMs });
  const plain = () => pmap(items, () => tick(), { concurrency });
  const sides = [naive, withTimeout, untouched, plain];
  const times: number[][] = sides.map(() => []);
  for (const side of sides) await side();
  const reps = Math.max(context.reps, 3);
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (rep + k) % sides.length;
      const start = performance.now();
      await sides[i]!();
      times[i]!.push(performance.now() - start);
    }
  }
  const [peerMs, fanoutMs, untouchedMs, plainMs] = times.map(median) as [number, number, number, number];
  const perTask = (ms: number) => `${((ms * 1000) / n).toFixed(1)} µs/task`;
  context.log(`timeoutMs c1000: pmap ${fanoutMs.toFixed(0)} ms, hand-rolled ${peerMs.toFixed(0)} ms`);
  const ratio = ratioRow(fanoutMs, peerMs);
  return {
    work: '100k tasks with timeoutMs at c1000 (task reads its signal)',
    peer: { name: 'p-map + per-task AbortController/setTimeout/listener', ms: peerMs },
    fanout: fanoutMs,
    ratio,
    ratioAgainst: 'hand-rolled per-task timeout',
    target: '≤ 0.75×',
    pass: ratio <= 0.75,
    note:
      `${perTask(fanoutMs)} vs ${perTask(peerMs)} (most of what is left is Node 20 making the AbortSignal); ` +
      `a task that never reads its signal: ${perTask(untouchedMs)}; no timeoutMs: ${perTask(plainMs)}; medians of ${reps}`,
  };
}

// The child: a warm-up and a GC, then N items through pstream with the RSS peak sampled every 1000
// results; last, what the heap still holds after another GC (a leak would show there exactly).
const MEMORY_SCRIPT = `
const { pstream, pmap } = await import(process.env.CORE_URL);
const n = Number(process.env.ITEMS);
function* items(count) { for (let i = 0; i < count; i++) yield i; }
const mapper = async (x) => x;
let peak = 0;
const sample = () => { const rss = process.memoryUsage().rss; if (rss > peak) peak = rss; };
for await (const _ of pstream(items(20000), mapper, { concurrency: ${CONCURRENCY} })) void _;
globalThis.gc();
const heap = process.memoryUsage().heapUsed;
peak = process.memoryUsage().rss;
let seen = 0;
let kept;
if (process.env.KEEP === '1') {
  kept = await pmap(items(n), async (x) => { if (++seen % 1000 === 0) sample(); return x; }, { concurrency: ${CONCURRENCY} });
} else {
  for await (const r of pstream(items(n), mapper, { concurrency: ${CONCURRENCY} })) if (++seen % 1000 === 0) sample();
}
sample();
globalThis.gc();
const retained = process.memoryUsage().heapUsed - heap;
console.log(JSON.stringify({ seen, peakMB: peak / 2 ** 20, retainedMB: retained / 2 ** 20, kept: kept?.length }));
`;

interface MemoryRun {
  readonly peakMB: number;
  readonly retainedMB: number;
}

async function memoryRun(items: number, keep = false): Promise<MemoryRun> {
  const env = { ...process.env, CORE_URL: import.meta.resolve('@fanout/parallel-core'), ITEMS: String(items), KEEP: keep ? '1' : '0' };
  const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', MEMORY_SCRIPT], { env });
  const out = JSON.parse(stdout) as MemoryRun & { seen: number };
  if (out.seen !== items) throw new Error(`pstream yielded ${out.seen} of ${items} items`);
  return out;
}

/**
 * Row 5: peak RSS of a process streaming 10^6 items (quick: 10^5) against the same at a tenth of the
 * items, each in a fresh child process. Flat means the peak does not follow N. (The growth above the
 * start is a poor ratio here: V8 lets its heap settle over the first few 10^6 results, so a few MB
 * of GC headroom would read as "growth" although nothing is retained.)
 */
async function memory(context: BenchContext): Promise<BenchRow> {
  const large = context.quick ? 100_000 : 1_000_000;
  const small = large / 10;
  const smallRuns: MemoryRun[] = [];
  const largeRuns: MemoryRun[] = [];
  for (let rep = 0; rep < context.reps; rep++) {
    smallRuns.push(await memoryRun(small));
    largeRuns.push(await memoryRun(large));
  }
  const smallMB = median(smallRuns.map((r) => r.peakMB));
  const largeMB = median(largeRuns.map((r) => r.peakMB));
  const retainedMB = median(largeRuns.map((r) => r.retainedMB));
  const ratio = ratioRow(largeMB, smallMB);
  const kept = context.quick ? undefined : await memoryRun(large, true);
  const fmt = (n: number) => `10^${Math.round(Math.log10(n))}`;
  context.log(`pstream peak RSS ${smallMB.toFixed(1)} MB at ${fmt(small)}, ${largeMB.toFixed(1)} MB at ${fmt(large)}`);
  return {
    work: `pstream peak RSS, ${fmt(large)} items`,
    baseline: { name: `same at ${fmt(small)}`, ms: smallMB },
    fanout: largeMB,
    unit: 'MB',
    ratio,
    ratioAgainst: `${fmt(small)} items`,
    target: '≤ 1.5× (flat in N)',
    pass: ratio <= 1.5,
    note:
      `whole child process (Node itself ~45 MB), medians of ${context.reps}; heap still held after GC at ${fmt(large)}: ${retainedMB.toFixed(2)} MB` +
      (kept ? `; for contrast, pmap keeping all ${fmt(large)} results peaks at ${kept.peakMB.toFixed(0)} MB (${ratioRow(kept.peakMB, smallMB)}×)` : ''),
  };
}

export const suite: BenchSuite = {
  name: 'parallel-core',
  quick: true,
  async run(context) {
    return [await overhead(context, CONCURRENCY), await overhead(context, Infinity), await growth(context), await timeouts(context), await memory(context)];
  },
};
