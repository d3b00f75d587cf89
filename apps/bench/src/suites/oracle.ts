// oracle: 3 personas against llm-sim at 300 ms per call, two ways in one run (interleaved per
// repetition, medians reported):
//   - library: `consult` asking judge, critic and skeptic at once vs the same three `client.chat`
//     calls one after another on the same client (ideal 300 ms vs 900 ms);
//   - CLI: one `oracle --batch judge,critic,skeptic` process vs `oracle -p NAME` run three times in
//     turn (what a seed script does; each process pays Node's start-up and imports).
// The simulator runs in the bench process; the CLI reaches it with --base-url.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSim } from '@fanout/llm-sim';
import { consult, createClient, findPersonas, personaMessages, type OracleClient, type Persona } from '@fanout/oracle';
import { median, ratioRow } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const LATENCY_MS = 300;
const NAMES = ['judge', 'critic', 'skeptic'];
const QUESTION = 'Should we migrate our public REST API from offset to cursor pagination?';
const TARGET = 0.4;
const run = promisify(execFile);
const BIN = path.join(path.dirname(fileURLToPath(import.meta.resolve('@fanout/oracle'))), '..', 'bin', 'oracle.js');

async function inTurn(client: OracleClient, personas: readonly Persona[]): Promise<void> {
  for (const persona of personas) await client.chat({ messages: personaMessages(persona, QUESTION) });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const suite: BenchSuite = {
  name: 'oracle',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const sim = await startSim({ latencyMs: LATENCY_MS });
    const client = createClient({ provider: 'sim', baseURL: sim.baseURL, concurrency: 8 });
    const home = mkdtempSync(path.join(tmpdir(), 'bench-oracle-'));
    const where = { cwd: home, home, env: {} };
    // Run as a user runs it: the bin's shebang starts node with the V8 flags the CLI wants.
    const cli = (args: string[]) =>
      run(BIN, ['--base-url', sim.baseURL, '--model', 'sim-1', ...args, QUESTION], {
        cwd: home,
        env: { PATH: process.env['PATH'] ?? '', HOME: home },
      });
    try {
      const personas = await findPersonas(NAMES, where);
      const batch = () => timed(async () => {
        const report = await consult({ prompt: QUESTION, personas, client });
        if (report.results.some((r) => r.error)) throw new Error('a persona failed in the bench');
      });
      const seed = () => timed(() => inTurn(client, personas));
      const cliBatch = () => timed(() => cli(['--batch', NAMES.join(',')]));
      const cliSeed = () => timed(async () => {
        for (const name of NAMES) await cli(['-p', name]);
      });
      // Warm-up: connections, persona files, JIT, the CLI's first run.
      await batch();
      await seed();
      await cliBatch();
      sim.resetStats();
      await batch();
      const peak = sim.stats().peakInFlight;
      const times = { batch: [] as number[], seed: [] as number[], cliBatch: [] as number[], cliSeed: [] as number[] };
      for (let rep = 0; rep < context.reps; rep++) {
        times.batch.push(await batch());
        times.seed.push(await seed());
        times.cliBatch.push(await cliBatch());
        times.cliSeed.push(await cliSeed());
        context.log(
          `oracle rep ${rep + 1}/${context.reps}: consult ${Math.round(times.batch.at(-1)!)} ms, in turn ${Math.round(times.seed.at(-1)!)} ms, ` +
            `CLI --batch ${Math.round(times.cliBatch.at(-1)!)} ms, CLI ×3 in turn ${Math.round(times.cliSeed.at(-1)!)} ms`,
        );
      }
      const lib = { fanout: median(times.batch), seed: median(times.seed) };
      const bin = { fanout: median(times.cliBatch), seed: median(times.cliSeed) };
      const libRatio = ratioRow(lib.fanout, lib.seed);
      const binRatio = ratioRow(bin.fanout, bin.seed);
      return [
        {
          work: `oracle --batch of ${NAMES.length} (library consult), sim ${LATENCY_MS} ms`,
          baseline: { name: 'same 3 client.chat in turn', ms: Math.round(lib.seed) },
          fanout: Math.round(lib.fanout),
          ratio: libRatio,
          ratioAgainst: 'in turn',
          target: `≤ ${TARGET}×`,
          pass: libRatio <= TARGET,
          note: `ideal ${LATENCY_MS} ms vs ${NAMES.length * LATENCY_MS} ms (0.333×); peak in flight at the sim ${peak}`,
        },
        {
          work: `oracle --batch of ${NAMES.length} (CLI process), sim ${LATENCY_MS} ms`,
          baseline: { name: 'oracle -p NAME ×3 in turn', ms: Math.round(bin.seed) },
          fanout: Math.round(bin.fanout),
          ratio: binRatio,
          ratioAgainst: 'in turn',
          target: `≤ ${TARGET}×`,
          pass: binRatio <= TARGET,
          note: `each process pays Node start-up and imports (${Math.round(bin.fanout - LATENCY_MS)} ms above the sim's ${LATENCY_MS} ms for --batch)`,
        },
      ];
    } finally {
      await client.close();
      await sim.close();
    }
  },
};
