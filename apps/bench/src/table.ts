import type { BenchRow } from './suite.js';

function num(value: number, unit = 'ms'): string {
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
}

const HEADER = ['work', 'baseline', 'peer', 'fanout', 'ratio', 'target', 'result'] as const;

export function rowCells(row: BenchRow): string[] {
  const unit = row.unit ?? 'ms';
  return [
    row.work,
    row.baseline ? `${row.baseline.name}: ${num(row.baseline.ms, unit)}` : '—',
    row.peer ? `${row.peer.name}: ${num(row.peer.ms, unit)}` : '—',
    num(row.fanout, unit),
    `${row.ratio.toFixed(3)}× ${row.ratioAgainst}`,
    row.target,
    row.pass ? 'pass' : 'FAIL',
  ];
}

/** A plain-text table for the terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = [HEADER.slice(), ...rows.map(rowCells)];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of cells.slice(1)) out.push(line(r));
  for (const row of rows) if (row.note) out.push(`  · ${row.work}: ${row.note}`);
  return out.join('\n');
}

/** The same table as Markdown, for BENCHMARKS.md. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const out = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`];
  for (const row of rows) out.push(`| ${rowCells(row).map(esc).join(' | ')} |`);
  const notes = rows.filter((r) => r.note);
  if (notes.length) out.push('', ...notes.map((r) => `- **${esc(r.work)}**: ${r.note}`));
  return out.join('\n');
}
