import { expectOk, runTool } from './run-tool.js';
import { bold, command, firstLine, green, heading, line, ms } from './say.js';
import type { DemoContext } from './context.js';

interface OracleJson {
  results: { persona: string; content: string; ms: number; error?: string }[];
  wall_ms: number;
}

export async function oracleStep(ctx: DemoContext): Promise<void> {
  heading(1, 'oracle --batch: three personas asked at once');
  const question = 'Should we migrate our public REST API from offset to cursor pagination?';
  const args = ['--batch', 'judge,critic,skeptic', ...ctx.simArgs(300), '--json', question];
  command(`oracle --batch judge,critic,skeptic --provider sim "${question}"`);
  const run = expectOk('oracle', await runTool('oracle', args));
  const out = JSON.parse(run.stdout) as OracleJson;
  for (const r of out.results) {
    line(`  ${bold(r.persona.padEnd(8))} ${ms(r.ms).padStart(7)}  ${r.error ? `error: ${r.error}` : firstLine(r.content)}`);
  }
  const inTurn = out.results.reduce((sum, r) => sum + r.ms, 0);
  line(`  ${green(`wall ${ms(out.wall_ms)}`)} — one after another the same three would take ${ms(inTurn)} (${(out.wall_ms / inTurn).toFixed(2)}×)`);
}
