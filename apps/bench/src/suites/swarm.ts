// swarm against its baselines, all in one run, each client in its own process and the simulator in
// another, so every client's CPU is its own:
//   1. 1000 calls, c50, sim 100 ms: fanout `swarm` vs the ideal 2.0 s, beside a Python
//      ThreadPoolExecutor(50) + urllib swarm and the naive openai SDK (Promise.all over p-limit);
//   2. 10,000 calls, c1000, sim 50 ms: vs raw undici `request()` on an Agent of 1000 connections
//      (≤ 1.5×), beside Python and the naive SDK; swarm's peak RSS ≤ 250 MB;
//   3. 100,000 calls streamed to disk: RSS after 10k and after 100k calls of one run (flat in N),
//      each sample taken after a full GC so that it shows what the run holds, not when V8 last collected.
// Times are each client's own run time (from before the first call to after the last answer), read
// from what it prints, so process start-up (node ~63 ms, python ~20 ms) is left out of every side.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, ratioRow } from '../measure.js';
import { runChild, startSimProcess, type SimProcess } from '../sim-process.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const SWARM_BIN = path.join(repoRoot, 'packages/swarm/bin/swarm.js');
const PROMPT = 'What is 2+2? Answer with one word.';
const MODEL = 'sim-1';
// Makes a node child print its peak RSS (KiB) on stderr as it exits.
const RSS_PRELOAD = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))';

const PYTHON = String.raw`
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
url, n, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def call(i):
    body = json.dumps({"model": "${MODEL}", "messages": [{"role": "user", "content": "${PROMPT}"}], "seed": i}).encode()
    req = urllib.request.Request(url, data=body, headers={"content-type": "application/json", "authorization": "Bearer sk-bench"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())["choices"][0]["message"]["content"]
t = time.perf_counter()
with ThreadPoolExecutor(c) as ex:
    answers = list(ex.map(call, range(n)))
print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "n": len(answers)}))
`;

interface ChildRun {
  readonly ms: number;
  readonly maxRssKb?: number;
}

function maxRss(stderr: string): number | undefined {
  const m = /maxrss_kb=(\d+)/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

async function runPython(sim: SimProcess, n: number, c: number, dir: string): Promise<ChildRun> {
  const script = path.join(dir, 'swarm_baseline.py');
  writeFileSync(script, PYTHON);
  const { stdout } = await runChild('python3', [script, `${sim.url}/v1/chat/completions`, String(n), String(c)]);
  return { ms: (JSON.parse(stdout) as { ms: number }).ms };
}

async function runNodePeer(kind: 'undici' | 'sdk', sim: SimProcess, n: number, c: number): Promise<ChildRun> {
  const { stdout, stderr } = await runChild(process.execPath, ['--import', RSS_PRELOAD, fileURLToPath(import.meta.url), '--swarm-bench-child', kind, sim.url, String(n), String(c)]);
  const rss = maxRss(stderr);
  return rss === undefined ? { ms: (JSON.parse(stdout) as { ms: number }).ms } : { ms: (JSON.parse(stdout) as { ms: number }).ms, maxRssKb: rss };
}

async function runSwarm(sim: SimProcess, n: number, c: number, dir: string): Promise<ChildRun & { ok: number }> {
  const out = path.join(dir, `results-${n}.jsonl`);
  const args = [
    '--import',
    RSS_PRELOAD,
    SWARM_BIN,
    PROMPT,
    '--n',
    String(n),
    '--concurrency',
    String(c),
    '--base-url',
    `${sim.url}/v1`,
    '--model',
    MODEL,
    '--out',
    out,
    '--force', // every round writes the same file: start it over on purpose
    '--json',
  ];
  const { stdout, stderr } = await runChild(process.execPath, args);
  const summary = JSON.parse(stdout) as { wall_ms: number; ok: number };
  if (summary.ok !== n) throw new Error(`swarm answered ${summary.ok} of ${n}`);
  const rss = maxRss(stderr);
  return rss === undefined ? { ms: summary.wall_ms, ok: summary.ok } : { ms: summary.wall_ms, ok: summary.ok, maxRssKb: rss };
}

type Runner = () => Promise<ChildRun>;

/**
 * Runs every runner once to warm up, then `reps` rounds of all of them in turn, so a burst of load
 * from elsewhere on the machine hits every side alike; returns each side's median and peak RSS.
 */
async function interleaved<K extends string>(reps: Record<K, number>, runners: Record<K, Runner>, log: (m: string) => void): Promise<Record<K, { ms: number; maxRssKb: number }>> {
  const names = Object.keys(runners) as K[];
  const runs = Object.fromEntries(names.map((k) => [k, [] as ChildRun[]])) as Record<K, ChildRun[]>;
  for (const name of names) await runners[name]();
  const rounds = Math.max(...names.map((k) => reps[k]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) if (round < reps[name]) runs[name].push(await runners[name]());
    const ran = names.filter((k) => round < reps[k]);
    log(`  round ${round + 1}/${rounds}: ${ran.map((k) => `${k} ${Math.round(runs[k].at(-1)!.ms)} ms`).join(', ')}`);
  }
  return Object.fromEntries(
    names.map((k) => [k, { ms: median(runs[k].map((r) => r.ms)), maxRssKb: Math.max(0, ...runs[k].map((r) => r.maxRssKb ?? 0)) }]),
  ) as Record<K, { ms: number; maxRssKb: number }>;
}

const mb = (kb: number) => Math.round(kb / 1024);

async function scenario1(ctx: BenchContext, dir: string): Promise<BenchRow> {
  const n = 1000;
  const c = 50;
  const sim = await startSimProcess(['--latency-ms', '100']);
  try {
    ctx.log('1000 calls, c50, 100 ms: swarm, Python ThreadPoolExecutor(50) + urllib, openai SDK + p-limit (interleaved)');
    const few = Math.min(ctx.reps, 3);
    const { swarm, py, sdk } = await interleaved(
      { swarm: ctx.reps, py: few, sdk: few },
      { swarm: () => runSwarm(sim, n, c, dir), py: () => runPython(sim, n, c, dir), sdk: () => runNodePeer('sdk', sim, n, c) },
      ctx.log,
    );
    const ideal = ((n / c) * 100) as number;
    const ratio = ratioRow(swarm.ms, ideal);
    return {
      work: `swarm ${n} calls, c${c}, sim 100 ms`,
      baseline: { name: 'Python ThreadPoolExecutor(50) + urllib', ms: Math.round(py.ms) },
      peer: { name: 'openai SDK, Promise.all over p-limit', ms: Math.round(sdk.ms) },
      fanout: Math.round(swarm.ms),
      ratio,
      ratioAgainst: `ideal ${ideal / 1000} s`,
      target: '≤ 1.08×',
      pass: ratio <= 1.08,
      note: `Python ${ratioRow(py.ms, ideal)}× ideal, SDK ${ratioRow(sdk.ms, ideal)}× ideal; swarm peak RSS ${mb(swarm.maxRssKb)} MB`,
    };
  } finally {
    await sim.close();
  }
}

async function scenario2(ctx: BenchContext, dir: string): Promise<BenchRow> {
  const n = 10_000;
  const c = 1000;
  const reps = Math.min(ctx.reps, 3);
  const sim = await startSimProcess(['--latency-ms', '50']);
  try {
    ctx.log(`${n} calls, c${c}, 50 ms: swarm, raw undici request(), Python, openai SDK + p-limit (interleaved)`);
    const { swarm, raw, py, sdk } = await interleaved(
      { swarm: reps, raw: reps, py: 2, sdk: reps },
      {
        swarm: () => runSwarm(sim, n, c, dir),
        raw: () => runNodePeer('undici', sim, n, c),
        py: () => runPython(sim, n, c, dir),
        sdk: () => runNodePeer('sdk', sim, n, c),
      },
      ctx.log,
    );
    const ratio = ratioRow(swarm.ms, raw.ms);
    const vsPython = py.ms / swarm.ms;
    const rssMb = mb(swarm.maxRssKb);
    return {
      work: `swarm ${n.toLocaleString('en-US')} calls, c${c}, sim 50 ms`,
      baseline: { name: 'Python ThreadPoolExecutor(1000) + urllib', ms: Math.round(py.ms) },
      peer: { name: 'raw undici request(), Agent of 1000', ms: Math.round(raw.ms) },
      fanout: Math.round(swarm.ms),
      ratio,
      ratioAgainst: 'raw undici',
      target: '≤ 1.5×; ≥ 3× Python; RSS ≤ 250 MB',
      pass: ratio <= 1.5 && vsPython >= 3 && rssMb <= 250,
      note: `${vsPython >= 1 ? `${vsPython.toFixed(1)}× faster than` : `${(1 / vsPython).toFixed(1)}× slower than`} Python; naive SDK ${Math.round(sdk.ms)} ms (${ratioRow(sdk.ms, raw.ms)}× undici); swarm peak RSS ${rssMb} MB (undici ${mb(
        raw.maxRssKb,
      )} MB, SDK ${mb(sdk.maxRssKb)} MB)`,
    };
  } finally {
    await sim.close();
  }
}

async function scenario3(ctx: BenchContext, dir: string): Promise<BenchRow> {
  const n = 100_000;
  const c = 1000;
  const sim = await startSimProcess(['--latency-ms', '20']);
  try {
    ctx.log('100,000 calls streamed to disk (RSS and live heap after a full GC, every 10k calls)');
    const out = path.join(dir, 'results-100k.jsonl');
    const { stdout } = await runChild(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--swarm-bench-child', 'rss', sim.url, String(n), String(c), out]);
    const r = JSON.parse(stdout) as { ms: number; ok: number; rss: Record<string, number>; heap: Record<string, number>; maxRssKb: number };
    if (r.ok !== n) throw new Error(`swarm answered ${r.ok} of ${n}`);
    const at10k = r.rss['10000']!;
    const at100k = r.rss[String(n)]!;
    const heap = `live heap ${r.heap['10000']} MB at 10k, ${r.heap[String(n)]} MB at 100k`;
    ctx.log(`RSS ${at10k} MB at 10k, ${at100k} MB at 100k (samples: ${Object.values(r.rss).join(', ')} MB); ${heap}; peak ${mb(r.maxRssKb)} MB`);
    const ratio = ratioRow(at100k, at10k);
    return {
      work: 'swarm 100,000 calls streamed to results.jsonl, c1000, sim 20 ms',
      baseline: { name: 'RSS after 10,000 calls', ms: at10k },
      fanout: at100k,
      unit: 'MB RSS',
      ratio,
      ratioAgainst: 'RSS at 10k',
      target: '≤ 1.2× (flat in N)',
      pass: ratio <= 1.2,
      note: `100k calls in ${(r.ms / 1000).toFixed(1)} s (${Math.round(n / (r.ms / 1000))} calls/s); ${heap}; peak RSS ${mb(r.maxRssKb)} MB; RSS every 10k (each after a full GC): ${Object.values(r.rss).join(', ')} MB`,
    };
  } finally {
    await sim.close();
  }
}

export const suite: BenchSuite = {
  name: 'swarm',
  quick: true,
  async run(ctx) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-swarm-'));
    try {
      // --quick keeps the whole bench under a minute: the 1000-call row only.
      const rows = [await scenario1(ctx, dir)];
      if (!ctx.quick) rows.push(await scenario2(ctx, dir), await scenario3(ctx, dir));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

// ---- child mode: the Node peers, each alone in its process --------------------------------------

async function childUndici(url: string, n: number, c: number): Promise<number> {
  const { Agent } = await import('undici');
  const agent = new Agent({ connections: c, pipelining: 1 });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
  let next = 0;
  const start = performance.now();
  async function worker() {
    while (next < n) {
      const i = next++;
      const res = await agent.request({
        origin: url,
        path: '/v1/chat/completions',
        method: 'POST',
        headers,
        body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], seed: i }),
      });
      const json = (await res.body.json()) as { choices: { message: { content: string } }[] };
      if (res.statusCode !== 200 || typeof json.choices[0]?.message.content !== 'string') throw new Error(`status ${res.statusCode}`);
    }
  }
  await Promise.all(Array.from({ length: c }, worker));
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

async function childSdk(url: string, n: number, c: number): Promise<number> {
  const [{ default: OpenAI }, { Agent, fetch }, { default: pLimit }] = await Promise.all([import('openai'), import('undici'), import('p-limit')]);
  const agent = new Agent({ connections: c });
  const client = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: 'sk-bench',
    maxRetries: 0,
    fetch: fetch as unknown as typeof globalThis.fetch,
    fetchOptions: { dispatcher: agent } as Record<string, unknown>,
  });
  const limit = pLimit(c);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => limit(() => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], seed: i }))),
  );
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

// swarm's own run loop (the library the CLI drives) sampling RSS and live heap every 10,000 results,
// each right after a full GC (the child runs with --expose-gc): without it a sample says more about
// when V8 last collected (±20 MB here) than about what the run holds.
async function childRss(url: string, n: number, c: number, out: string): Promise<string> {
  const [{ runSwarm, promptSource }, { createClient }] = await Promise.all([import('@fanout/swarm'), import('@fanout/oracle')]);
  const client = createClient({ provider: 'sim', baseURL: `${url}/v1`, model: MODEL, concurrency: c });
  const rss: Record<string, number> = {};
  const heap: Record<string, number> = {};
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the rss child needs --expose-gc');
  let done = 0;
  const report = await runSwarm({
    client,
    source: promptSource(PROMPT, n, []),
    concurrency: c,
    out,
    onResult: () => {
      if (++done % 10_000 !== 0) return;
      gc();
      const { rss: bytes, heapUsed } = process.memoryUsage();
      rss[String(done)] = Math.round(bytes / 2 ** 20);
      heap[String(done)] = Math.round(heapUsed / 2 ** 19) / 2;
    },
  });
  await client.close();
  return JSON.stringify({ ms: report.wall_ms, ok: report.ok, rss, heap, maxRssKb: process.resourceUsage().maxRSS });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--swarm-bench-child') {
  const [kind, url, n, c, out] = process.argv.slice(3) as [string, string, string, string, string];
  if (kind === 'rss') process.stdout.write(`${await childRss(url, Number(n), Number(c), out)}\n`);
  else {
    const ms = kind === 'undici' ? await childUndici(url, Number(n), Number(c)) : await childSdk(url, Number(n), Number(c));
    process.stdout.write(`${JSON.stringify({ ms })}\n`);
  }
}
