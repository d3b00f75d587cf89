import { describe, expect, test } from '@jest/globals';
import { isVerified, normaliseQuote } from './verify.js';

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
});
