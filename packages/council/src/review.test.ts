import { describe, expect, test } from '@jest/globals';
import { bordaPoints, parseRanking } from './review.js';

describe('parseRanking', () => {
  const labels = ['A', 'B', 'C'];

  test('reads {"ranking": [...]} and "Response X" items', () => {
    expect(parseRanking('{"ranking": ["Response C", "a", "B"], "reason": "x"}', labels)).toEqual(['C', 'A', 'B']);
  });

  test('reads a bare array and prose', () => {
    expect(parseRanking('["B","A"]', labels)).toEqual(['B', 'A']);
    expect(parseRanking('Best is Response B, then Response C, then Response A.', labels)).toEqual(['B', 'C', 'A']);
    expect(parseRanking('C > A > B', labels)).toEqual(['C', 'A', 'B']);
    expect(parseRanking('B, C, A.', labels)).toEqual(['B', 'C', 'A']);
  });

  test('ignores labels that were not offered and duplicates', () => {
    expect(parseRanking('{"ranking": ["D", "B", "B", "A"]}', labels)).toEqual(['B', 'A']);
  });

  test('throws when no ranking can be found', () => {
    expect(() => parseRanking('they are all fine', labels)).toThrow(/no ranking/);
    expect(() => parseRanking('A fine set. B-grade work, C?', labels)).toThrow(/no ranking/);
  });
});

describe('bordaPoints', () => {
  test('best of n gets n-1, worst 0, summed over reviewers', () => {
    const points = bordaPoints([
      ['x', 'y'],
      ['x', 'z'],
      ['y', 'x'],
    ]);
    expect(Object.fromEntries(points)).toEqual({ x: 2, y: 1, z: 0 });
  });
});
