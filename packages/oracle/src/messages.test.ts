import { describe, expect, test } from '@jest/globals';
import { personaMessages } from './messages.js';
import { DEFAULT_PERSONA } from './personas/persona.js';
import type { ChatMessage } from './types.js';

describe('personaMessages', () => {
  test('a conversation of half a million messages is passed through (no spread into a call)', () => {
    const conversation: ChatMessage[] = Array.from({ length: 500_000 }, (_, i) => ({ role: 'user', content: String(i) }));
    const out = personaMessages({ ...DEFAULT_PERSONA, prompt: 'sys' }, conversation);
    expect(out).toHaveLength(500_001);
    expect(out[0]).toEqual({ role: 'system', content: 'sys' });
    expect(out.at(-1)).toEqual({ role: 'user', content: '499999' });
  });
});
