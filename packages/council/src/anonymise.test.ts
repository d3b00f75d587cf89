import { describe, expect, test } from '@jest/globals';
import { labelAnonymously, responseLabel, scrubNames, stableShuffle } from './anonymise.js';

describe('anonymisation', () => {
  test('labels run A..Z then AA, AB', () => {
    expect([0, 1, 25, 26, 27, 52].map(responseLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'BA']);
  });

  test('a shuffle depends only on its key and keeps every item', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(stableShuffle(items, 'k')).toEqual(stableShuffle(items, 'k'));
    expect([...stableShuffle(items, 'k')].sort((a, b) => a - b)).toEqual(items);
    const orders = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => stableShuffle(items, key).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  test('labelAnonymously labels in shuffled order', () => {
    const labelled = labelAnonymously(['x', 'y', 'z'], 'seed');
    expect(labelled.map((entry) => entry.label)).toEqual(['A', 'B', 'C']);
    expect(labelled.map((entry) => entry.item).sort()).toEqual(['x', 'y', 'z']);
  });

  test('scrubNames removes names as whole words in any case, not inside other words', () => {
    const text = 'As the Critic said, the judge-like skeptic(s) misjudged; JUDGE agrees. code-reviewer too.';
    expect(scrubNames(text, ['critic', 'judge', 'skeptic', 'code-reviewer'])).toBe(
      'As the [redacted] said, the judge-like [redacted](s) misjudged; [redacted] agrees. [redacted] too.',
    );
    expect(scrubNames('axb a.b', ['a.b'])).toBe('axb [redacted]');
  });
});
