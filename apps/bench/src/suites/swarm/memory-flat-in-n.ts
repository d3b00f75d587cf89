// 100,000 calls streamed to disk by one run: RSS after 10k and after 100k calls should be the same
// (memory flat in N). Each sample is taken after a full GC, so it shows what the run holds rather
// than when V8 last collected.
import path from 'node:path';
import { ratioRow } from '../../measure.js';
import { runChild } from '../../sim-process.js';
import type { BenchContext, BenchRow } from '../../suite.js';
import { CHILD, mb, withSim } from './clients.js';

interface RssRun {
  readonly ms: number;
  readonly ok: number;
  readonly rss: Record<string, number>;
  readonly heap: Record<string, number>;
  readonly maxRssKb: number;
}

export async function memoryFlatInN(ctx: BenchContext, dir: string): Promise<BenchRow> {
  const n = 100_000;
  const c = 1000;
  return withSim(['--latency-ms', '20'], async (sim) => {
    ctx.log('100,000 calls streamed to disk (RSS and live heap after a full GC, every 10k calls)');
    const out = path.join(dir, 'results-100k.jsonl');
    const { stdout } = await runChild(process.execPath, ['--expose-gc', CHILD, 'rss', sim.url, String(n), String(c), out]);
    const r = JSON.parse(stdout) as RssRun;
    if (r.ok !== n) throw new Error(`swarm answered ${r.ok} of ${n}`);
    const at10k = r.rss['10000']!;
    const at100k = r.rss[String(n)]!;
    const samples = Object.values(r.rss).join(', ');
    const heap = `live heap ${r.heap['10000']} MB at 10k, ${r.heap[String(n)]} MB at 100k`;
    ctx.log(`RSS ${at10k} MB at 10k, ${at100k} MB at 100k (samples: ${samples} MB); ${heap}; peak ${mb(r.maxRssKb)} MB`);
    const ratio = ratioRow(at100k, at10k);
    const rate = `${(r.ms / 1000).toFixed(1)} s (${Math.round(n / (r.ms / 1000))} calls/s)`;
    return {
      work: 'swarm 100,000 calls streamed to results.jsonl, c1000, sim 20 ms',
      baseline: { name: 'RSS after 10,000 calls', ms: at10k },
      fanout: at100k,
      unit: 'MB RSS',
      ratio,
      ratioAgainst: 'RSS at 10k',
      target: '≤ 1.2× (flat in N)',
      pass: ratio <= 1.2,
      note: `100k calls in ${rate}; ${heap}; peak RSS ${mb(r.maxRssKb)} MB; RSS every 10k (each after a full GC): ${samples} MB`,
    };
  });
}
