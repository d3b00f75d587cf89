// swarm against its baselines, all in one run, each client in its own process and the simulator in
// another, so every client's CPU is its own. One row per file in ./swarm/:
//   wall-time-vs-ideal      1000 calls, c50: swarm vs the ideal wall time, beside Python and the SDK;
//   overhead-vs-raw-undici  10,000 calls, c1000: swarm vs raw undici request(), Python, peak RSS;
//   memory-flat-in-n        100,000 calls streamed to disk: RSS after 10k vs after 100k calls.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSuite } from '../suite.js';
import { memoryFlatInN } from './swarm/memory-flat-in-n.js';
import { overheadVsRawUndici } from './swarm/overhead-vs-raw-undici.js';
import { wallTimeVsIdeal } from './swarm/wall-time-vs-ideal.js';

export const suite: BenchSuite = {
  name: 'swarm',
  quick: true,
  async run(ctx) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-swarm-'));
    try {
      // --quick keeps the whole bench under a minute: the 1000-call row only.
      const rows = [await wallTimeVsIdeal(ctx, dir)];
      if (!ctx.quick) rows.push(await overheadVsRawUndici(ctx, dir), await memoryFlatInN(ctx, dir));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
