/** 3.2 ms · 51 ms · 1.25 s · 3.4 min · 1.2 h — for people; --json carries raw milliseconds. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 10) return `${trim(ms.toFixed(1))} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${trim((ms / 1000).toFixed(2))} s`;
  if (abs < 3_600_000) return `${trim((ms / 60_000).toFixed(1))} min`;
  return `${trim((ms / 3_600_000).toFixed(1))} h`;
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export { formatCount } from '@fanout/cli-kit/format';

/** Left-aligns the first column and right-aligns the rest, two spaces apart. */
export function formatTable(rows: readonly (readonly string[])[], indent = ''): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      indent + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd(),
    )
    .join('\n');
}
