import type { SourceFile } from '../discover/read-file.js';

/**
 * A run of consecutive lines of one file: the unit that is cached and cited. It keeps the file's
 * exact text (a slice, not an array of lines), so a corpus of millions of lines costs few objects.
 */
export interface Piece {
  readonly file: string;
  /** 1-based number of the first line. */
  readonly startLine: number;
  readonly lineCount: number;
  /** The piece's exact text in the file, newlines included (what its cache key hashes). */
  readonly text: string;
  /** Tokens of the piece as a reader sees it (numbered lines and the file header). */
  readonly tokens: number;
}

// Lines where a new top-level thing starts in common languages (and Markdown headings), tried at a
// line's offset (sticky) so no line is copied out to test it.
const KEYWORDS = 'export|async|function|class|def|interface|type|const|let|var|enum|struct|impl|fn|pub|func|package|module|public|private|protected|static';
const SYMBOL = new RegExp(String.raw`(?:(?:${KEYWORDS})\s|#{1,6}\s|@\w)`, 'y');
const BLANK = /[ \t\r]*(?:\n|$)/y;

const HEADER_CHARS = 40;

/** The file's lines, without the empty string after a final newline or the `\r` of CRLF endings. */
export function fileLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return text.includes('\r') ? lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) : lines;
}

/** The lines of a piece, as `fileLines` gives them. */
export function pieceLines(piece: Piece): string[] {
  return fileLines(piece.text);
}

/** Where each line starts, plus the text's length at the end (as fileLines counts lines). */
function lineStarts(text: string): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < text.length) {
    starts.push(at);
    const nl = text.indexOf('\n', at);
    at = nl < 0 ? text.length : nl + 1;
  }
  starts.push(text.length);
  return starts;
}

function matchesAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/**
 * Splits a file into pieces of at most `maxTokens` each (a single longer line stays whole), cutting
 * in the second half of each piece at the best boundary: a top-level symbol after a blank line, a
 * blank line, a top-level symbol, else wherever the budget ends.
 */
export function splitFile(file: SourceFile, maxTokens: number): Piece[] {
  const { text } = file;
  const starts = lineStarts(text);
  const count = starts.length - 1;
  const header = HEADER_CHARS + file.path.length;
  // Characters of line i as shown to the reader: `123| text` and its newline (the newline counted in the slice).
  const chars = (i: number) => starts[i + 1]! - starts[i]! + String(i + 1).length + 2;
  const piece = (start: number, end: number, used: number): Piece => ({
    file: file.path,
    startLine: start + 1,
    lineCount: end - start,
    text: start === 0 && end === count ? text : text.slice(starts[start], starts[end]),
    tokens: Math.ceil((header + used) / 4),
  });
  const score = (i: number) => {
    const afterBlank = i > 0 && matchesAt(BLANK, text, starts[i - 1]!);
    const symbol = matchesAt(SYMBOL, text, starts[i]!);
    return afterBlank ? (symbol ? 3 : 2) : symbol ? 1 : 0;
  };

  const budget = maxTokens * 4 - header;
  const pieces: Piece[] = [];
  let start = 0;
  while (start < count) {
    let end = start;
    let used = 0;
    while (end < count && (end === start || used + chars(end) <= budget)) used += chars(end++);
    if (end < count) {
      let best = end;
      let bestScore = 0;
      for (let i = end - 1; i > start + (end - start) / 2; i--) {
        const s = score(i);
        if (s > bestScore) {
          best = i;
          bestScore = s;
          if (s === 3) break;
        }
      }
      for (let i = best; i < end; i++) used -= chars(i);
      end = best;
    }
    pieces.push(piece(start, end, used));
    start = end;
  }
  return pieces;
}
