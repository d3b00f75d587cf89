import { describe, expect, test } from '@jest/globals';
import { escapeControl } from './escape-control.js';

describe('escapeControl', () => {
  test('shows ANSI, OSC, BEL, DEL and C1 controls as \\xHH', () => {
    const hostile = 'a\u001b[31mred\u001b]0;title\u0007b\u007fc\u009b2J';
    expect(escapeControl(hostile)).toBe('a\\x1b[31mred\\x1b]0;title\\x07b\\x7fc\\x9b2J');
  });

  test('leaves plain text (unicode included) untouched, newlines only when asked', () => {
    expect(escapeControl('plain — ünïcode ✓')).toBe('plain — ünïcode ✓');
    expect(escapeControl('one\ntwo\r')).toBe('one\\x0atwo\\x0d');
    expect(escapeControl('one\ntwo\r', { keepNewlines: true })).toBe('one\ntwo\\x0d');
  });
});
