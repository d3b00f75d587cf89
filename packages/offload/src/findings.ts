import type { RawFinding } from './map/parse-findings.js';
import type { ReduceItem } from './reduce/reduce-prompt.js';
import { estimateTokens } from './tokens.js';
import type { Conflict, Finding } from './types.js';
import type { CheckedFinding } from './verify.js';

/** What the readers reported for one piece (fresh or cached), with the reader's confidence. */
export interface PieceReport {
  readonly findings: readonly RawFinding[];
  readonly confidence: number;
}

/** A piece's report with every finding checked against the piece (see verifyInPiece). */
export interface CheckedReport {
  readonly findings: readonly CheckedFinding[];
  readonly confidence: number;
}

export interface CollectedFindings {
  /** Numbered in this order: `[n]` cites `findings[n - 1]`. */
  readonly findings: Finding[];
  readonly unverifiedDropped: number;
}

/**
 * Drops the unverified findings (or keeps them marked), removes duplicates (readers of neighbouring
 * chunks citing the same lines; a verified copy wins) and orders them as the corpus is ordered.
 */
export function collectFindings(reports: readonly CheckedReport[], fileOrder: ReadonlyMap<string, number>, keepUnverified: boolean): CollectedFindings {
  const byKey = new Map<string, Finding>();
  for (const report of reports) {
    for (const checked of report.findings) {
      const key = `${checked.file}\0${checked.line_start}\0${checked.line_end}\0${checked.quote}`;
      const seen = byKey.get(key);
      if (seen === undefined || (!seen.verified && checked.verified)) byKey.set(key, { ...checked, confidence: report.confidence });
    }
  }
  const findings: Finding[] = [];
  let unverifiedDropped = 0;
  for (const f of byKey.values()) {
    if (f.verified || keepUnverified) findings.push(f);
    else unverifiedDropped++;
  }
  const order = (f: Finding) => fileOrder.get(f.file) ?? Number.MAX_SAFE_INTEGER;
  findings.sort((a, b) => order(a) - order(b) || a.line_start - b.line_start || a.line_end - b.line_end);
  return { findings, unverifiedDropped };
}

/** The findings as the reducer reads them: one JSON line each, id `F<n>`. */
export function reduceItems(findings: readonly Finding[]): ReduceItem[] {
  return findings.map((f, i) => {
    const id = `F${i + 1}`;
    const line = JSON.stringify({
      id,
      file: f.file,
      line_start: f.line_start,
      line_end: f.line_end,
      claim: f.claim,
      quote: f.quote,
      confidence: f.confidence,
      ...(f.verified ? {} : { verified: false }),
    });
    return { id, line, tokens: estimateTokens(line) };
  });
}

const CITATION = /\s?\[((?:[FS]\d+)(?:\s*,\s*[FS]\d+)*)\]/g;

/** `[F3]` → `[3]`, `[F1, F4]` → `[1, 4]`; citations of ids that do not exist (or of partial answers) are removed. */
export function renumberCitations(answer: string, count: number): string {
  return answer.replace(CITATION, (whole: string, ids: string) => {
    const numbers = ids
      .split(/\s*,\s*/)
      .filter((id) => id.startsWith('F'))
      .map((id) => Number(id.slice(1)))
      .filter((n) => n >= 1 && n <= count);
    const space = whole.startsWith(' ') || whole.startsWith('\n') ? whole[0] : '';
    return numbers.length > 0 ? `${space}[${[...new Set(numbers)].join(', ')}]` : '';
  });
}

/** The reducer's conflicts as finding numbers, each resolved to its most confident finding. */
export function resolveConflicts(reported: readonly { ids: readonly string[]; issue: string }[], findings: readonly Finding[]): Conflict[] {
  const out: Conflict[] = [];
  const seen = new Set<string>();
  for (const c of reported) {
    const numbers = [...new Set(c.ids.filter((id) => /^F\d+$/.test(id)).map((id) => Number(id.slice(1))))]
      .filter((n) => n >= 1 && n <= findings.length)
      .sort((a, b) => a - b);
    if (numbers.length < 2 || seen.has(numbers.join(','))) continue;
    seen.add(numbers.join(','));
    let chosen = numbers[0]!;
    for (const n of numbers) if (findings[n - 1]!.confidence > findings[chosen - 1]!.confidence) chosen = n;
    out.push({ issue: c.issue, findings: numbers, chosen });
  }
  return out;
}
