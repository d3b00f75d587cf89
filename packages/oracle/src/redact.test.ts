import { describe, expect, test } from '@jest/globals';
import { createStreamRedactor, redact, secretsFromEnv } from './redact.js';

describe('redact', () => {
  test('replaces every occurrence of each secret', () => {
    expect(redact('key sk-abc123 and again sk-abc123.', ['sk-abc123'])).toBe('key *** and again ***.');
  });

  test('ignores missing and very short secrets', () => {
    expect(redact('a b c', [undefined, 'a', ''])).toBe('a b c');
  });

  test('secretsFromEnv picks credential-looking variables', () => {
    expect(secretsFromEnv({ OPENAI_API_KEY: 'k1', GITHUB_TOKEN: 't1', HOME: '/home/x', EMPTY_API_KEY: '' }).sort()).toEqual(['k1', 't1']);
  });
});

describe('createStreamRedactor', () => {
  const key = 'sk-stream-secret-0042';

  test('a key split across pieces never shows, in whatever pieces it comes', () => {
    const text = `before ${key} middle ${key}`;
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const r = createStreamRedactor([key]);
      let shown = '';
      for (let i = 0; i < text.length; i += size) {
        const part = r.push(text.slice(i, i + size));
        expect(part).not.toContain('sk-stream');
        shown += part;
      }
      shown += r.end();
      expect(shown).toBe('before *** middle ***');
    }
  });

  test('ordinary text is shown as it arrives; only a possible start of a key waits', () => {
    const r = createStreamRedactor([key]);
    expect(r.push('hello ')).toBe('hello ');
    expect(r.push('world s')).toBe('world ');
    expect(r.push('ky')).toBe('sky');
    expect(r.end()).toBe('');
  });
});
