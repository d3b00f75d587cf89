// What hooks/hooks.json registers (the README's table), so a change to one is a change to both.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from '@jest/globals';
import { pluginPath } from './plugin-root.js';

type Handler = { type: string; command: string; args?: string[]; timeout?: number };
type Group = { matcher?: string; hooks: Handler[] };

const EXECUTOR_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'PermissionRequest',
  'Stop',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'Notification',
  'SessionEnd',
];

describe('hooks/hooks.json', () => {
  test('hook-executor once per event, the two guards, all in exec form through ${CLAUDE_PLUGIN_ROOT}', async () => {
    const { hooks } = JSON.parse(await readFile(pluginPath('hooks', 'hooks.json'), 'utf8')) as { hooks: Record<string, Group[]> };
    expect(Object.keys(hooks)).toEqual(EXECUTOR_EVENTS);
    const registrations: string[] = [];
    for (const [event, groups] of Object.entries(hooks)) {
      for (const group of groups) {
        for (const handler of group.hooks) {
          expect(handler).toMatchObject({ type: 'command', command: 'sh' });
          expect(handler.args?.[0]).toBe('${CLAUDE_PLUGIN_ROOT}/bin/fanout-hook');
          registrations.push(`${event}${group.matcher === undefined ? '' : `[${group.matcher}]`}: ${handler.args!.slice(1).join(' ')} (${handler.timeout} s)`);
        }
      }
    }
    expect(registrations).toEqual([
      ...EXECUTOR_EVENTS.flatMap((event) => {
        const own = [`${event}: run --event ${event} (600 s)`];
        if (event === 'UserPromptSubmit') own.push('UserPromptSubmit: guard parallel-reminder (10 s)');
        if (event === 'PreToolUse') own.push('PreToolUse[Agent|Task]: guard sequential-agents (10 s)');
        return own;
      }),
    ]);
  });
});
