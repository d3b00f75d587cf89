import { describe, expect, test } from '@jest/globals';
import type { InputPrompt } from './input-reader.js';
import { inputSource, promptSource } from './work-items.js';

describe('promptSource', () => {
  test('n items with ids 0..n-1 and seed = id; done ids are skipped and reported', () => {
    const src = promptSource('q', 4, []);
    const skipped: string[] = [];
    const items = [...src.items(new Set(['1', '9', 'x']), (id) => skipped.push(id))];
    expect(src.n).toBe(4);
    expect(items.map((i) => [i.id, i.seed, i.persona])).toEqual([
      ['0', 0, null],
      ['2', 2, null],
      ['3', 3, null],
    ]);
    expect(skipped).toEqual(['1']);
    expect(['0', '3', '4', '01', 'x', '-1'].map((id) => src.belongs(id))).toEqual([true, true, false, false, false, false]);
  });

  test('crossed with personas: ids <id>:<persona>, persona inner so every persona advances together', () => {
    const src = promptSource('q', 2, ['judge', 'critic']);
    expect(src.n).toBe(4);
    expect([...src.items(undefined)].map((i) => i.id)).toEqual(['0:judge', '0:critic', '1:judge', '1:critic']);
    expect(['1:critic', '1', '2:judge', '0:skeptic'].map((id) => src.belongs(id))).toEqual([true, false, false, false]);
  });
});

describe('inputSource', () => {
  const prompts: InputPrompt[] = [
    { id: 'a', prompt: 'pa', line: 1, index: 0 },
    { id: '42', prompt: 'pb', persona: 'critic', line: 2, index: 1 },
  ];
  const ids = new Map([
    ['a', 1],
    ['42', 2],
  ]);

  test('uses each line’s persona, numeric ids as seeds and positions otherwise', () => {
    const src = inputSource(() => prompts, ids, []);
    expect([...src.items(undefined)].map((i) => [i.id, i.persona, i.seed])).toEqual([
      ['a', null, 0],
      ['42', 'critic', 42],
    ]);
    expect(src.belongs('a')).toBe(true);
    expect(src.belongs('b')).toBe(false);
  });

  test('--personas crosses every line and overrides its persona', () => {
    const src = inputSource(() => prompts, ids, ['x', 'y']);
    expect(src.n).toBe(4);
    expect([...src.items(new Set(['a:y']))].map((i) => i.id)).toEqual(['a:x', '42:x', '42:y']);
    expect(src.belongs('42:y')).toBe(true);
    expect(src.belongs('42')).toBe(false);
  });
});
