import { describe, expect, test } from '@jest/globals';
import { formatCount } from './format-count.js';

describe('formatCount', () => {
  test('writes what toLocaleString("en-US") writes for whole numbers', () => {
    const values = [0, 1, 12, 123, 1234, 12345, 123456, 1234567, 1000, 1_000_000, 999_999, -1, -1234, -1_000_000, 2 ** 53 - 1];
    for (const v of values) expect(formatCount(v)).toBe(v.toLocaleString('en-US'));
  });

  test('rounds to a whole number first', () => {
    expect(formatCount(1234.5)).toBe('1,235');
    expect(formatCount(999.4)).toBe('999');
    expect(formatCount(-0.2)).toBe('0');
  });

  test('falls back to Intl beyond safe integers and for non-finite values', () => {
    expect(formatCount(1e21)).toBe((1e21).toLocaleString('en-US'));
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatCount(Number.NaN)).toBe('NaN');
  });
});
