// Verification without a model: a quote counts only if it appears verbatim within the lines it
// cites, and a reader can cite only lines it was shown. The only leniency is what copying a numbered
// listing does to text: trailing whitespace, CRLF endings, and the `12| ` line numbers themselves.
import { pieceLines, type Piece } from './chunk/split-file.js';
import type { RawFinding } from './map/parse-findings.js';

/** A reader's finding with the outcome of its check. */
export type CheckedFinding = RawFinding & { readonly verified: boolean };

const NUMBERED = /^\s*\d+\s*\|\s?/;

/** The quote as it would appear in the file: numbering and trailing whitespace dropped, outer blank lines trimmed. */
export function normaliseQuote(quote: string): string {
  let lines = quote.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length > 0 && nonEmpty.every((l) => NUMBERED.test(l))) lines = lines.map((l) => l.replace(NUMBERED, ''));
  lines = lines.map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * True when the finding's quote is within its cited lines of `lines`: a run of the file's lines whose
 * first is line `firstLine` (1 for the whole file). Lines outside the run cannot be cited.
 */
export function isVerified(finding: RawFinding, lines: readonly string[] | undefined, firstLine = 1): boolean {
  if (lines === undefined) return false;
  const start = finding.line_start - firstLine;
  const end = finding.line_end - firstLine + 1;
  if (start < 0 || end <= start || end > lines.length) return false;
  const quote = normaliseQuote(finding.quote);
  if (quote.trim() === '') return false;
  const cited = lines.slice(start, end).map((l) => l.trimEnd()).join('\n');
  return cited.includes(quote);
}

/**
 * Checks a reader's findings filed under `piece` against the piece's own lines: what the reader was
 * shown of that file. A finding that cites another file, or lines the piece does not hold, fails.
 * The piece's lines are split only when there is something to check.
 */
export function verifyInPiece(findings: readonly RawFinding[], piece: Piece): CheckedFinding[] {
  if (findings.length === 0) return [];
  const lines = pieceLines(piece);
  return findings.map((f) => ({ ...f, verified: f.file === piece.file && isVerified(f, lines, piece.startLine) }));
}
