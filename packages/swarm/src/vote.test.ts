import { describe, expect, test } from '@jest/globals';
import { EarlyStop, probLeaderNotAhead } from './early-stop.js';
import { createExtractor, extractDefault } from './extract.js';
import { normaliseAnswer } from './normalise.js';
import { VoteTally } from './vote-tally.js';

describe('normaliseAnswer', () => {
  test.each([
    ['Paris.', 'paris'],
    ['  The   ANSWER  ', 'the answer'],
    ['**Yes**!', 'yes'],
    ['1,000', '1000'],
    ['1000.0', '1000'],
    ['+1000.00', '1000'],
    ['$1,234,567.50', '1234567.5'],
    ['007', '7'],
    ['-0.0', '0'],
    ['-42', '-42'],
    ['3-4', '3 4'],
    ['ｆｕｌｌ ｗｉｄｔｈ', 'full width'],
    ['1st place', '1st place'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseAnswer(raw)).toBe(expected);
  });
});

describe('extraction', () => {
  test('default: last "Answer: X" line, else \\boxed{X}, else last non-empty line', () => {
    expect(extractDefault('Let me think.\nAnswer: 42\nHope that helps\n')).toBe('42');
    expect(extractDefault('**Final answer:** Paris')).toBe('Paris');
    expect(extractDefault('so it is \\boxed{7} indeed\nbye')).toBe('7');
    expect(extractDefault('line one\nline two\n\n  ')).toBe('line two');
    expect(extractDefault('')).toBeUndefined();
  });

  test('--extract: first capture group or the whole match; /flags/ form', () => {
    expect(createExtractor({ regex: 'choice (\\w)' })('my choice B, not C')).toBe('B');
    expect(createExtractor({ regex: '\\d+' })('about 12 or 13')).toBe('12');
    expect(createExtractor({ regex: '/CHOICE (\\w)/i' })('choice d')).toBe('d');
    expect(createExtractor({ regex: 'zzz' })('nothing')).toBeUndefined();
    expect(() => createExtractor({ regex: '(' })).toThrow('--extract "(": not a valid regular expression');
  });

  test('--extract-json: a field of the reply or of a fenced/embedded object', () => {
    const ex = createExtractor({ jsonField: 'verdict.answer' });
    expect(ex('{"verdict":{"answer":"B"}}')).toBe('B');
    expect(ex('Here:\n```json\n{"verdict":{"answer":3}}\n```')).toBe('3');
    expect(ex('I say {"verdict": {"answer": true}} ok')).toBe('true');
    expect(ex('no json')).toBeUndefined();
  });
});

describe('VoteTally', () => {
  test('tracks leader and runner-up through overtakes', () => {
    const t = new VoteTally();
    for (const a of ['x', 'y', 'y', 'z', 'z', 'z', 'x']) t.add(a);
    expect([t.leader, t.leaderCount, t.runnerUp, t.runnerUpCount]).toEqual(['z', 3, 'y', 2]);
    expect(t.distribution()).toEqual([['z', 3], ['x', 2], ['y', 2]]); // ties in first-seen order
    expect(t.agreement).toBeCloseTo(3 / 7);
  });

  test('leader and runner-up match a full recount under random votes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const t = new VoteTally();
    for (let i = 0; i < 5000; i++) {
      t.add(String(Math.floor(rand() ** 2 * 6)));
      const d = t.distribution();
      expect(t.leaderCount).toBe(d[0]![1]);
      expect(t.runnerUpCount).toBe(d[1]?.[1] ?? 0);
    }
  });

  test('distinct answers beyond the cap are counted as other', () => {
    const t = new VoteTally(2);
    for (const a of ['a', 'b', 'c', 'a']) t.add(a);
    expect(t.other).toBe(1);
    expect(t.total).toBe(4);
    expect(t.distribution()).toEqual([['a', 2], ['b', 1]]);
  });
});

describe('early stop', () => {
  test('posterior tail matches known binomial tails and its normal approximation', () => {
    // P(Bin(21, .5) >= 15) = 0.0392
    expect(probLeaderNotAhead(14, 6)).toBeCloseTo(0.0392, 3);
    expect(probLeaderNotAhead(0, 0)).toBeCloseTo(0.5, 10);
    expect(probLeaderNotAhead(10, 10)).toBeCloseTo(0.5, 10);
    // The two branches agree where they meet.
    const exact = probLeaderNotAhead(260, 200);
    const approx = probLeaderNotAhead(261, 201);
    expect(Math.abs(exact - approx)).toBeLessThan(0.01);
  });

  test('stops on a lopsided split after the minimum sample, not on an even one', () => {
    const stop = new EarlyStop({ confidence: 0.99, minSamples: 20 });
    expect(stop.check(10, 0, 10, 990)).toBeUndefined(); // below the minimum
    expect(stop.check(20, 0, 20, 980)).toBe('confident');
    expect(stop.check(14, 6, 20, 980)).toBeUndefined();
    expect(stop.check(28, 12, 40, 960)).toBe('confident');
    expect(stop.check(500, 480, 980, 20)).toBeUndefined();
    expect(stop.check(5, 1, 6, 3)).toBe('decided'); // margin 4 > 3 remaining: cannot change
  });

  test('options are validated at the door', () => {
    expect(() => new EarlyStop({ confidence: 1 })).toThrow('--confidence');
    expect(() => new EarlyStop({ minSamples: 0 })).toThrow('--min-samples');
  });
});
