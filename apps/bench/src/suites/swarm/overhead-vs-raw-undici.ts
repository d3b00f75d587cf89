// 10,000 calls at concurrency 1000 against a simulator answering in 50 ms: what `swarm` costs over
// raw undici `request()` on an Agent of 1000 connections (the floor for a Node client), how much
// faster it is than Python, and its peak RSS; the naive openai SDK runs beside them.
import { ratioRow } from '../../measure.js';
import type { BenchContext, BenchRow } from '../../suite.js';
import { mb, runNodePeer, runPython, runSwarm, withSim } from './clients.js';
import { interleaved } from './interleaved.js';

export async function overheadVsRawUndici(ctx: BenchContext, dir: string): Promise<BenchRow> {
  const n = 10_000;
  const c = 1000;
  const reps = Math.min(ctx.reps, 3);
  return withSim(['--latency-ms', '50'], async (sim) => {
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
    const againstPython = vsPython >= 1 ? `${vsPython.toFixed(1)}× faster than` : `${(1 / vsPython).toFixed(1)}× slower than`;
    const sdkNote = `naive SDK ${Math.round(sdk.ms)} ms (${ratioRow(sdk.ms, raw.ms)}× undici)`;
    const rssNote = `swarm peak RSS ${rssMb} MB (undici ${mb(raw.maxRssKb)} MB, SDK ${mb(sdk.maxRssKb)} MB)`;
    return {
      work: `swarm ${n.toLocaleString('en-US')} calls, c${c}, sim 50 ms`,
      baseline: { name: 'Python ThreadPoolExecutor(1000) + urllib', ms: Math.round(py.ms) },
      peer: { name: 'raw undici request(), Agent of 1000', ms: Math.round(raw.ms) },
      fanout: Math.round(swarm.ms),
      ratio,
      ratioAgainst: 'raw undici',
      target: '≤ 1.5×; ≥ 3× Python; RSS ≤ 250 MB',
      pass: ratio <= 1.5 && vsPython >= 3 && rssMb <= 250,
      note: `${againstPython} Python; ${sdkNote}; ${rssNote}`,
    };
  });
}
