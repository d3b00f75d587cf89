import { describe, expect, test } from '@jest/globals';
import { seededRandom } from '../hash.js';
import { escapedWords } from './sse-events.js';

const decode = (words: string[]) => words.map((w) => JSON.parse(`"${w}"`) as string);

describe('escapedWords', () => {
  test('splits after whitespace, keeping it with the word before', () => {
    expect(decode(escapedWords('Think twice.\n\nAnswer: B'))).toEqual(['Think ', 'twice.\n\n', 'Answer: ', 'B']);
    expect(decode(escapedWords(' lead  \ttrail\t'))).toEqual([' ', 'lead  \t', 'trail\t']);
    expect(escapedWords('')).toEqual([]);
  });

  test('every word is valid JSON string content and they join back to the text (random texts)', () => {
    const alphabet = ['a', 'b', ' ', '\n', '\t', '\r', '"', '\\', '\u0001', 'é', '😀', '\ud800', '/', '\u2028'];
    const random = seededRandom(11);
    for (let run = 0; run < 500; run++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const words = decode(escapedWords(text));
      expect(words.join('')).toBe(text);
      expect(words.every((w) => w.length > 0)).toBe(true);
    }
  });
});
