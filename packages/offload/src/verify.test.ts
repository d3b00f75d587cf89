import { describe, expect, test } from '@jest/globals';
import { splitFile } from './chunk/split-file.js';
import { estimateTokens } from './tokens.js';
import { isVerified, normaliseQuote, verifyInPiece } from './verify.js';

const lines = ['function check(sig) {', '  if (!valid(sig)) throw new Error("bad");   ', '  return true;', '}'];
const finding = (quote: string, line_start: number, line_end = line_start) => ({ claim: 'c', file: 'a.ts', line_start, line_end, quote });

describe('verification', () => {
  test('a verbatim quote within the cited lines is verified, whole lines or part of one', () => {
    expect(isVerified(finding('  if (!valid(sig)) throw new Error("bad");', 2), lines)).toBe(true);
    expect(isVerified(finding('valid(sig)', 2), lines)).toBe(true);
    expect(isVerified(finding('  if (!valid(sig)) throw new Error("bad");\n  return true;', 2, 3), lines)).toBe(true);
  });

  test('only trailing whitespace, CRLF and copied line numbers are forgiven', () => {
    expect(isVerified(finding('2| \tif (!valid(sig)) throw new Error("bad");'.replace('\t', ' '), 2), lines)).toBe(true);
    expect(isVerified(finding('2|   if (!valid(sig)) throw new Error("bad");\r\n3|   return true;  \n', 2, 3), lines)).toBe(true);
    expect(normaliseQuote('\n12| a  \n13| b\n\n')).toBe('a\nb');
  });

  test('anything else fails: other words, other lines, lines out of range, an unknown file, an empty quote', () => {
    expect(isVerified(finding('if (!isValid(sig)) throw', 2), lines)).toBe(false);
    expect(isVerified(finding('return true;', 2), lines)).toBe(false);
    expect(isVerified(finding('return true;', 3, 9), lines)).toBe(false);
    expect(isVerified(finding('return true;', 3), undefined)).toBe(false);
    expect(isVerified(finding('   ', 3), lines)).toBe(false);
    expect(isVerified(finding('if (!valid(sig))  throw', 2), lines)).toBe(false);
  });

  test('against a run of lines: numbers count from its first line, and lines outside the run cannot be cited', () => {
    const run = lines.slice(1, 3); // lines 2 and 3
    expect(isVerified(finding('return true;', 3), run, 2)).toBe(true);
    expect(isVerified(finding('valid(sig)', 2), run, 2)).toBe(true);
    expect(isVerified(finding('function check(sig) {', 1), run, 2)).toBe(false);
    expect(isVerified(finding('}', 4), run, 2)).toBe(false);
  });
});

describe('verifyInPiece', () => {
  const text = Array.from({ length: 40 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n');
  const pieces = splitFile({ path: 'a.ts', text, bytes: text.length, tokens: estimateTokens(text) }, 120);
  const second = pieces[1]!;
  const inside = second.startLine + 1;

  test('a quote is checked against the piece its reader was shown: its own lines, its own file', () => {
    expect(pieces.length).toBeGreaterThan(2);
    const checked = verifyInPiece(
      [
        { claim: 'in the piece', file: 'a.ts', line_start: inside, line_end: inside, quote: `line${inside} = ${inside}` },
        // Verbatim in the file, but in lines this piece does not hold.
        { claim: 'before it', file: 'a.ts', line_start: 1, line_end: 1, quote: 'export const line1 = 1;' },
        // The same text, said to be in another file.
        { claim: 'other file', file: 'b.ts', line_start: inside, line_end: inside, quote: `line${inside} = ${inside}` },
      ],
      second,
    );
    expect(checked.map((f) => [f.claim, f.verified])).toEqual([
      ['in the piece', true],
      ['before it', false],
      ['other file', false],
    ]);
    expect(verifyInPiece([], second)).toEqual([]);
  });
});
