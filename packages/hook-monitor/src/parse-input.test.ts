import { describe, expect, test } from '@jest/globals';
import { classifyOutput } from './classify-output.js';
import { parseWrapArgs } from './cli/wrap-args.js';
import { hookInputMeta } from './hook-input-meta.js';
import { parseDuration, parseSince } from './parse-time.js';

describe('parsing what users and Claude Code hand us', () => {
  test('durations and --since', () => {
    expect(parseDuration('100ms')).toBe(100);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('250')).toBe(250);
    expect(() => parseDuration('soon')).toThrow('--threshold: expected a duration');
    const now = Date.parse('2026-02-01T00:00:00Z');
    expect(parseSince('7d', now)).toBe(Date.parse('2026-01-25T00:00:00Z'));
    expect(parseSince('12h', now)).toBe(Date.parse('2026-01-31T12:00:00Z'));
    expect(parseSince('2026-01-31')).toBe(Date.parse('2026-01-31T00:00:00Z'));
    expect(() => parseSince('last week')).toThrow('--since');
  });

  test('hook output → decision label only', () => {
    expect(classifyOutput('PreToolUse', 2, '')).toBe('block');
    expect(classifyOutput('PreToolUse', 0, '{"hookSpecificOutput":{"permissionDecision":"ask"}}')).toBe('ask');
    expect(classifyOutput('Stop', 0, '{"decision":"block","reason":"x"}')).toBe('block');
    expect(classifyOutput('Stop', 0, '{"continue":false}')).toBe('continue_false');
    expect(classifyOutput('SessionStart', 0, '{"hookSpecificOutput":{"additionalContext":"hi"}}')).toBe('context');
    expect(classifyOutput('UserPromptSubmit', 0, 'plain text')).toBe('context');
    expect(classifyOutput('PostToolUse', 0, 'plain text')).toBe('none');
    expect(classifyOutput('PostToolUse', 1, '{"decision":"block"}')).toBe('none');
  });

  test('hook input → names only (event, session, matcher target), never free text', () => {
    expect(hookInputMeta(JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 'abc', tool_name: 'Bash', tool_input: { command: 'ls' } })))
      .toEqual({ event: 'PreToolUse', sessionId: 'abc', target: 'Bash' });
    expect(hookInputMeta(JSON.stringify({ hook_event_name: 'SessionEnd', reason: 'a long free-form sentence' }))).toEqual({ event: 'SessionEnd' });
    expect(hookInputMeta('not json')).toEqual({});
  });

  test('wrap arguments, by hand', () => {
    expect(parseWrapArgs(['--id', 'lint', '--', './lint.sh', '--fast'])).toEqual({ id: 'lint', command: './lint.sh', args: ['--fast'] });
    expect(parseWrapArgs(['--id=lint', '--event', 'Stop', '--dir', '/s', 'node', 'x.js'])).toEqual({
      id: 'lint', event: 'Stop', dir: '/s', command: 'node', args: ['x.js'],
    });
    expect(parseWrapArgs(['--help'])).toBeUndefined();
    expect(() => parseWrapArgs(['--id', 'x', '--frob', '--', 'ls'])).toThrow('unknown option --frob');
    expect(() => parseWrapArgs(['--id'])).toThrow('--id needs a value');
  });
});
