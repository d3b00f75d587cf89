// 1000 calls at concurrency 50 against a simulator answering in 100 ms: how close `swarm` comes to
// the ideal wall time (n / c × latency), beside a Python ThreadPoolExecutor(50) + urllib swarm and
// the naive openai SDK (Promise.all over p-limit).
import { ratioRow } from '../../measure.js';
import type { BenchContext, BenchRow } from '../../suite.js';
import { mb, runNodePeer, runPython, runSwarm, withSim } from './clients.js';
import { interleaved } from './interleaved.js';

export async function wallTimeVsIdeal(ctx: BenchContext, dir: string): Promise<BenchRow> {
  const n = 1000;
  const c = 50;
  return withSim(['--latency-ms', '100'], async (sim) => {
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
  });
}
