import { expectOk, runTool } from './run-tool.js';
import { bold, command, green, heading, line, ms } from './say.js';

interface OffloadJson {
  findings: { file: string; line_start: number; line_end: number; quote: string }[];
  stats: { files: number; map_calls: number; tokens_read: number; tokens_answer: number; unverified_dropped: number; wall_ms: number };
}

const n = (value: number) => value.toLocaleString('en-US');

/** offload over this repository's own sources, with the simulated readers making up a fifth of their quotes. */
export async function offloadStep(): Promise<void> {
  heading(5, 'offload: many readers over this repository, one short answer with verified sources');
  const question = 'Where are secrets redacted?';
  const glob = 'packages/*/src/**';
  command(`offload --provider sim --sim-fabricate-rate 0.2 "${question}" '${glob}'`);
  const args = ['--provider', 'sim', '--sim-latency-ms', '100', '--sim-fabricate-rate', '0.2', '--no-cache', '--json', question, glob];
  const out = JSON.parse(expectOk('offload', await runTool('offload', args)).stdout) as OffloadJson;
  const shown = out.findings.slice(0, 5).map((f) => ({ where: `${f.file}:${f.line_start}`, quote: f.quote.split('\n')[0]!.trim() }));
  const width = Math.max(...shown.map((f) => f.where.length));
  for (const f of shown) line(`  ${bold(f.where.padEnd(width))}  ${f.quote.length > 60 ? `${f.quote.slice(0, 59)}…` : f.quote}`);
  if (out.findings.length > 5) line(`  … ${out.findings.length - 5} more, every quote checked verbatim at its file:line`);
  const s = out.stats;
  line(
    `  ${green(`${n(s.tokens_read)} tokens read by ${s.map_calls} readers at once → ${n(s.tokens_answer)} tokens of answer`)} ` +
      `(${Math.round(s.tokens_read / s.tokens_answer)}× less) in ${ms(s.wall_ms)}; ${s.unverified_dropped} made-up quotes caught and dropped`,
  );
}
