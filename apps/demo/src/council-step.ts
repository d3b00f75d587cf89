import { expectOk, runTool } from './run-tool.js';
import { bold, command, firstLine, green, heading, line, ms } from './say.js';
import type { DemoContext } from './context.js';

interface CouncilJson {
  rounds: { round: number; answers: { persona: string; content: string; ms: number; error?: string }[]; verdict: { converged: boolean; synthesis: string } }[];
  final: string;
  converged_at: number | null;
  wall_ms: number;
  calls: number;
  cancelled_calls: number;
}

export async function councilStep(ctx: DemoContext): Promise<void> {
  heading(2, 'council --rounds 3 --speculative: deliberation that stops when it converges');
  const question = 'Should we migrate our public REST API from offset to cursor pagination?';
  command(`council --personas judge,critic,skeptic --rounds 3 --speculative --provider sim "${question}"`);
  const args = ['--personas', 'judge,critic,skeptic', '--rounds', '3', '--speculative', ...ctx.simArgs(200), '--json', question];
  const out = JSON.parse(expectOk('council', await runTool('council', args)).stdout) as CouncilJson;
  for (const round of out.rounds) {
    const verdict = round.verdict.converged ? green('converged') : 'not yet converged';
    line(`  round ${round.round}: ${round.answers.length} answers in parallel, arbiter: ${verdict}`);
  }
  line(`  ${bold('synthesis')}: ${firstLine(out.final, 200)}`);
  line(
    `  ${green(`wall ${ms(out.wall_ms)}`)}, ${out.calls} calls; converged at round ${out.converged_at ?? '—'}; ` +
      `${out.cancelled_calls} speculative calls for the next round cancelled in flight`,
  );
}
