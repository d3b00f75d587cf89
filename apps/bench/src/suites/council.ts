// council: 3 personas × 3 rounds that never converge, llm-sim at 200 ms per call, all three ways in
// one run (interleaved per repetition, medians reported):
//   - `--speculative`: round k+1 starts while the arbiter judges round k (ideal 4 × 200 = 800 ms);
//   - the same council without it: answers, then verdict, each round (ideal 6 × 200 = 1200 ms);
//   - the seed's pattern: every persona asked in turn, then the arbiter, per round (ideal 12 × 200 = 2400 ms).
// The simulator runs in-process: the work is waiting, and every side shares one oracle client.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { oracleAsk, runCouncil } from '@fanout/council';
import { startSim } from '@fanout/llm-sim';
import { createClient, findPersonas, personaMessages, type OracleClient, type Persona } from '@fanout/oracle';
import { median, ratioRow } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const LATENCY_MS = 200;
const ROUNDS = 3;
const NAMES = ['judge', 'critic', 'skeptic'];
const QUESTION = 'Should we migrate our public REST API from offset to cursor pagination?';
const TARGET = 0.72;

/** The seed: one persona after another, then the arbiter, round after round. */
async function inTurn(client: OracleClient, personas: readonly Persona[], arbiter: Persona): Promise<void> {
  let previous: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const answers: string[] = [];
    for (const persona of personas) {
      const others = previous.length ? `\n\nOther answers:\n${previous.join('\n\n')}` : '';
      const prompt = `Round ${round}.\n\n${QUESTION}${others}`;
      answers.push((await client.chat({ messages: personaMessages(persona, prompt), headers: { 'x-fanout-round': String(round) } })).content);
    }
    await client.chat({ messages: personaMessages(arbiter, `Round ${round}.\n\n${QUESTION}\n\n${answers.join('\n\n')}`), json: true });
    previous = answers;
  }
}

export const suite: BenchSuite = {
  name: 'council',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const sim = await startSim({
      latencyMs: LATENCY_MS,
      rules: [{ match: { persona: 'arbiter' }, reply: { converged: false, synthesis: 'The members still disagree.' } }],
    });
    const client = createClient({ provider: 'sim', baseURL: sim.baseURL, concurrency: 16 });
    const home = mkdtempSync(path.join(tmpdir(), 'bench-council-'));
    try {
      const found = await findPersonas([...NAMES, 'arbiter'], { cwd: home, home, env: {} });
      const personas = found.slice(0, NAMES.length);
      const arbiter = found[NAMES.length]!;
      const ask = oracleAsk({ client, personas: found });
      let cancelled = 0;
      const council = async (speculative: boolean): Promise<number> => {
        const start = performance.now();
        const result = await runCouncil({ question: QUESTION, personas: NAMES, rounds: ROUNDS, speculative, ask });
        if (result.rounds.length !== ROUNDS || result.converged_at !== null) throw new Error('the bench council was meant to run all rounds');
        cancelled += result.cancelled_calls;
        return performance.now() - start;
      };
      const seed = async (): Promise<number> => {
        const start = performance.now();
        await inTurn(client, personas, arbiter);
        return performance.now() - start;
      };
      await council(true); // warm-up: connections, personas, JIT
      await council(false);
      const times = { speculative: [] as number[], plain: [] as number[], seed: [] as number[] };
      for (let rep = 0; rep < context.reps; rep++) {
        times.speculative.push(await council(true));
        times.plain.push(await council(false));
        times.seed.push(await seed());
        context.log(`council rep ${rep + 1}/${context.reps}: speculative ${Math.round(times.speculative.at(-1)!)} ms, plain ` +
          `${Math.round(times.plain.at(-1)!)} ms, in turn ${Math.round(times.seed.at(-1)!)} ms`);
      }
      const speculative = median(times.speculative);
      const plain = median(times.plain);
      const inTurnMs = median(times.seed);
      const ratio = ratioRow(speculative, plain);
      return [
        {
          work: `council ${NAMES.length} personas × ${ROUNDS} rounds, no convergence, sim ${LATENCY_MS} ms`,
          baseline: { name: 'seed: personas in turn, then arbiter', ms: Math.round(inTurnMs) },
          peer: { name: 'same council without --speculative', ms: Math.round(plain) },
          fanout: Math.round(speculative),
          ratio,
          ratioAgainst: 'without --speculative',
          target: `≤ ${TARGET}×`,
          pass: ratio <= TARGET,
          note:
            `--speculative; ideal ${4 * LATENCY_MS} ms vs ${6 * LATENCY_MS} ms without and ${4 * ROUNDS * LATENCY_MS} ms in turn; ` +
            `${ratioRow(speculative, inTurnMs)}× the seed's time; ${cancelled} calls cancelled (none expected without convergence)`,
        },
      ];
    } finally {
      await client.close();
      await sim.close();
    }
  },
};
