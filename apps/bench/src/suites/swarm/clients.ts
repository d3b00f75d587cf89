// The clients the swarm rows time, each in a process of its own so that its CPU is its own: the
// `swarm` CLI, a Python ThreadPoolExecutor + urllib swarm, and the Node peers in child.ts. Each
// reports its own run time (before the first call to after the last answer), so process start-up
// is left out of every side alike.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runChild, startSimProcess, type SimProcess } from '../../sim-process.js';

export const PROMPT = 'What is 2+2? Answer with one word.';
export const MODEL = 'sim-1';
const SWARM_BIN = path.join(REPO_ROOT, 'packages/swarm/bin/swarm.js');
export const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
// Makes a node child print its peak RSS (KiB) on stderr as it exits.
const RSS_PRELOAD = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))';

const PYTHON = `
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

export interface ChildRun {
  readonly ms: number;
  readonly maxRssKb?: number;
}

export const mb = (kb: number): number => Math.round(kb / 1024);

/** Runs `fn` against llm-sim started in its own process with `args`, and stops it afterwards. */
export async function withSim<T>(args: readonly string[], fn: (sim: SimProcess) => Promise<T>): Promise<T> {
  const sim = await startSimProcess(args);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

function maxRss(stderr: string): number | undefined {
  const m = /maxrss_kb=(\d+)/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

export async function runPython(sim: SimProcess, n: number, c: number, dir: string): Promise<ChildRun> {
  const script = path.join(dir, 'swarm_baseline.py');
  writeFileSync(script, PYTHON);
  const { stdout } = await runChild('python3', [script, `${sim.url}/v1/chat/completions`, String(n), String(c)]);
  return { ms: (JSON.parse(stdout) as { ms: number }).ms };
}

export async function runNodePeer(kind: 'undici' | 'sdk', sim: SimProcess, n: number, c: number): Promise<ChildRun> {
  const { stdout, stderr } = await runChild(process.execPath, ['--import', RSS_PRELOAD, CHILD, kind, sim.url, String(n), String(c)]);
  const ms = (JSON.parse(stdout) as { ms: number }).ms;
  const rss = maxRss(stderr);
  return rss === undefined ? { ms } : { ms, maxRssKb: rss };
}

export async function runSwarm(sim: SimProcess, n: number, c: number, dir: string): Promise<ChildRun & { ok: number }> {
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
