import { describe, expect, test } from '@jest/globals';
import { configOf } from '../test-helpers/fixtures.js';
import { selectHooks } from './select.js';

const cmd = (command: string, extra: Record<string, unknown> = {}) => ({ type: 'command', command, ...extra });

describe('selectHooks', () => {
  test('per-event default timeouts: 600 s, UserPromptSubmit 30 s, MessageDisplay 10 s; explicit seconds win', () => {
    const config = configOf({
      hooks: {
        PreToolUse: [{ hooks: [cmd('a'), cmd('b', { timeout: 5 })] }],
        UserPromptSubmit: [{ hooks: [cmd('c')] }],
        MessageDisplay: [{ hooks: [cmd('d')] }],
      },
    });
    expect(selectHooks(config, 'PreToolUse', { tool_name: 'X' }, '/').hooks.map((h) => h.timeoutMs)).toEqual([600_000, 5000]);
    expect(selectHooks(config, 'UserPromptSubmit', {}, '/').hooks[0]!.timeoutMs).toBe(30_000);
    expect(selectHooks(config, 'MessageDisplay', {}, '/').hooks[0]!.timeoutMs).toBe(10_000);
  });

  test('SessionEnd hooks share one budget: 1.5 s, raised to the largest timeout, at most 60 s', () => {
    const small = configOf({ hooks: { SessionEnd: [{ hooks: [cmd('a'), cmd('b')] }] } });
    const s = selectHooks(small, 'SessionEnd', { reason: 'other' }, '/', {});
    expect([s.deadlineMs, ...s.hooks.map((h) => h.timeoutMs)]).toEqual([1500, 1500, 1500]);
    const big = configOf({ hooks: { SessionEnd: [{ hooks: [cmd('a', { timeout: 10 }), cmd('b'), cmd('c', { timeout: 300 })] }] } });
    const b = selectHooks(big, 'SessionEnd', { reason: 'other' }, '/', {});
    expect([b.deadlineMs, ...b.hooks.map((h) => h.timeoutMs)]).toEqual([60_000, 10_000, 60_000, 60_000]);
  });

  test('events without matcher support ignore the matcher; the target is what the matcher saw', () => {
    const config = configOf({
      hooks: { Stop: [{ matcher: 'nothing-like-this', hooks: [cmd('a')] }], SessionStart: [{ matcher: 'startup', hooks: [cmd('b')] }] },
    });
    expect(selectHooks(config, 'Stop', {}, '/').hooks).toHaveLength(1);
    expect(selectHooks(config, 'SessionStart', { source: 'resume' }, '/')).toMatchObject({ target: 'resume', hooks: [] });
    expect(selectHooks(config, 'SessionStart', { source: 'startup' }, '/').hooks).toHaveLength(1);
  });

  test('`after` on a hook that did not match is dropped; on a duplicate it points at the one that runs', () => {
    const config = configOf({
      hooks: {
        PreToolUse: [
          { matcher: 'Edit', hooks: [cmd('fmt', { id: 'format' })] },
          { matcher: 'Edit|Write', hooks: [cmd('x', { id: 'x' }), cmd('x', { id: 'x2' }), cmd('lint', { id: 'lint', after: ['format', 'x2'] })] },
        ],
      },
    });
    const write = selectHooks(config, 'PreToolUse', { tool_name: 'Write' }, '/');
    expect(write.hooks.map((h) => [h.handler.id, h.skip ?? 'runs', h.after])).toEqual([
      ['x', 'runs', []],
      ['x2', 'duplicate of x', []],
      ['lint', 'runs', ['x']],
    ]);
  });
});
