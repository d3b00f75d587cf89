import { describe, expect, test } from '@jest/globals';
import { parseVerdict } from './verdict.js';

describe('parseVerdict', () => {
  test('reads a plain JSON verdict', () => {
    expect(parseVerdict('{"converged": true, "synthesis": "Use a queue."}')).toEqual({ converged: true, synthesis: 'Use a queue.' });
  });

  test('reads a verdict inside a ```json fence with prose around it', () => {
    const text = 'Here is my verdict:\n```json\n{"converged": false, "synthesis": "Split."}\n```\nThanks.';
    expect(parseVerdict(text)).toEqual({ converged: false, synthesis: 'Split.' });
  });

  test('reads an object embedded in prose, braces inside strings included', () => {
    const text = 'I think {"converged": "yes", "synthesis": "Use {braces} carefully"} is fair.';
    expect(parseVerdict(text)).toEqual({ converged: true, synthesis: 'Use {braces} carefully' });
  });

  test('accepts yes/no strings, 1/0 and keys in any case', () => {
    expect(parseVerdict('{"Converged": "No", "Synthesis": "x"}')).toEqual({ converged: false, synthesis: 'x' });
    expect(parseVerdict('{"converged": 1, "synthesis": "x"}')).toEqual({ converged: true, synthesis: 'x' });
  });

  test('skips an unrelated object before the verdict', () => {
    const text = 'Example {"a": 1}. Verdict: {"converged": true, "synthesis": "ok"}';
    expect(parseVerdict(text)).toEqual({ converged: true, synthesis: 'ok' });
  });

  test('prose with no JSON is not converged, keeps the text and says why', () => {
    const verdict = parseVerdict('They mostly agree that caching helps.');
    expect(verdict.converged).toBe(false);
    expect(verdict.synthesis).toBe('They mostly agree that caching helps.');
    expect(verdict.parse_error).toMatch(/no JSON object/);
  });

  test('an unreadable "converged" value is not converged and reported', () => {
    const verdict = parseVerdict('{"converged": "maybe", "synthesis": "hm"}');
    expect(verdict).toEqual({ converged: false, synthesis: 'hm', parse_error: '"converged" is "maybe" in the arbiter\'s verdict' });
  });

  test('a converged verdict without a synthesis is not trusted', () => {
    const verdict = parseVerdict('{"converged": true}');
    expect(verdict.converged).toBe(false);
    expect(verdict.parse_error).toMatch(/synthesis/);
  });

  test('truncated JSON never throws', () => {
    expect(parseVerdict('{"converged": true, "synthesis": "unfinished').converged).toBe(false);
    expect(parseVerdict('').converged).toBe(false);
    expect(parseVerdict('{'.repeat(5000)).converged).toBe(false);
  });
});
