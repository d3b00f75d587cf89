import { describe, expect, test } from '@jest/globals';
import { redact, secretsFromEnv } from './redact.js';

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
