// Verification without a model: a quote counts only if it appears verbatim within the lines it
// cites. The only leniency is what copying a numbered listing does to text: trailing whitespace,
// CRLF endings, and the `12| ` line numbers themselves.
import type { RawFinding } from './map/parse-findings.js';

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

/** True when the finding's quote is within its cited lines of `fileLines` (the file's lines, 1-based by index + 1). */
export function isVerified(finding: RawFinding, fileLines: readonly string[] | undefined): boolean {
  if (fileLines === undefined) return false;
  const { line_start: start, line_end: end } = finding;
  if (start < 1 || end < start || end > fileLines.length) return false;
  const quote = normaliseQuote(finding.quote);
  if (quote.trim() === '') return false;
  const cited = fileLines.slice(start - 1, end).map((l) => l.trimEnd()).join('\n');
  return cited.includes(quote);
}
