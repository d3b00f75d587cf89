import type { Conflict, Finding } from './types.js';

export interface AnswerParts {
  readonly answer: string;
  readonly findings: readonly Finding[];
  readonly conflicts: readonly Conflict[];
}

const QUOTE_WIDTH = 100;

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > QUOTE_WIDTH ? `${line.slice(0, QUOTE_WIDTH - 1)}…` : line;
}

export function citeLines(f: Pick<Finding, 'file' | 'line_start' | 'line_end'>): string {
  return f.line_start === f.line_end ? `${f.file}:${f.line_start}` : `${f.file}:${f.line_start}-${f.line_end}`;
}

/** The numbers `[n]` the answer cites, in order of first citation. */
export function citedNumbers(answer: string, count: number): number[] {
  const out = new Set<number>();
  for (const m of answer.matchAll(/\[(\d+(?:, \d+)*)\]/g)) {
    for (const n of m[1]!.split(', ').map(Number)) if (n >= 1 && n <= count) out.add(n);
  }
  return [...out];
}

/**
 * What the caller reads: the answer, then the sources it cites (file:lines, the claim, the first
 * line of the verified quote), then any conflicts. `tokens_answer` is measured on this text.
 */
export function formatAnswer(parts: AnswerParts): string {
  const { answer, findings, conflicts } = parts;
  const out = [answer.trim()];
  const cited = citedNumbers(answer, findings.length);
  const sources = cited.length > 0 ? cited : findings.map((_, i) => i + 1).slice(0, 10);
  if (sources.length > 0) {
    out.push('', 'Sources:');
    for (const n of sources) {
      const f = findings[n - 1]!;
      out.push(`  [${n}] ${citeLines(f)}${f.verified ? '' : ' (UNVERIFIED)'} — ${f.claim}`, `      > ${firstLine(f.quote)}`);
    }
    const rest = findings.length - sources.length;
    if (rest > 0) out.push(`  (${rest} more finding${rest === 1 ? '' : 's'} not cited; --json lists them all)`);
  }
  if (conflicts.length > 0) {
    out.push('', 'Conflicts:');
    for (const c of conflicts) {
      const others = c.findings
        .filter((n) => n !== c.chosen)
        .map((n) => `[${n}]`)
        .join(', ');
      const conf = (n: number) => findings[n - 1]!.confidence;
      out.push(
        `  ${c.issue}: the answer follows [${c.chosen}] (confidence ${conf(c.chosen)}) over ${others} (${c.findings
          .filter((n) => n !== c.chosen)
          .map(conf)
          .join(', ')})`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
