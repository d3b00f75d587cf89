// A small unified diff for `install --dry-run` (settings files are short: an LCS table is fine).

function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const rows = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      rows[i]![j] = a[i] === b[j] ? rows[i + 1]![j + 1]! + 1 : Math.max(rows[i + 1]![j]!, rows[i]![j + 1]!);
    }
  }
  return rows;
}

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function ops(a: readonly string[], b: readonly string[]): Op[] {
  const t = lcsTable(a, b);
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) out.push({ kind: ' ', line: a[i]!, a: i++, b: j++ });
    else if (i < a.length && (j === b.length || t[i + 1]![j]! >= t[i]![j + 1]!)) out.push({ kind: '-', line: a[i]!, a: i++, b: j });
    else out.push({ kind: '+', line: b[j]!, a: i, b: j++ });
  }
  return out;
}

function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `diff -u` style text between two versions of a file ('' when equal). */
export function unifiedDiff(before: string | undefined, after: string | undefined, name: string, context = 3): string {
  if (before === after) return '';
  const list = ops(splitLines(before), splitLines(after));
  const changed = list.map((op, k) => (op.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${name}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${name}`}`];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k]! - context);
    let to = Math.min(list.length - 1, changed[k]! + context);
    while (k + 1 < changed.length && changed[k + 1]! - context <= to + 1) to = Math.min(list.length - 1, changed[++k]! + context);
    k++;
    const hunk = list.slice(from, to + 1);
    const aStart = hunk[0]!.a;
    const bStart = hunk[0]!.b;
    const aLen = hunk.filter((op) => op.kind !== '+').length;
    const bLen = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
  }
  return `${out.join('\n')}\n`;
}
