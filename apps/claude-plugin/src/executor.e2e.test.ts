// hook-executor through the plugin's registration: the hooks of a project's
// .claude/hook-executor.json run without any hook in Claude Code's settings; and the
// parallel-reminder guard, off unless switched on.
import { describe, expect, test } from '@jest/globals';
import { hookNotes, receivedText } from '@fanout/claude-e2e';
import { hookResponses, runWithPlugin } from './test-helpers/plugin-run.js';

const executorConfig = (hooks: Record<string, unknown>) => JSON.stringify({ hooks }, null, 2);
const REMINDER = 'Reminder (hook-executor parallel-reminder)';

describe('hook-executor through the plugin', () => {
  test("a UserPromptSubmit hook in .claude/hook-executor.json reaches the model, and sees the prompt and $CLAUDE_PROJECT_DIR", async () => {
    const run = await runWithPlugin({
      prompt: 'hello executor',
      settings: {}, // nothing registered in Claude Code's settings: only the plugin
      files: {
        '.claude/hook-executor.json': executorConfig({
          UserPromptSubmit: [
            {
              hooks: [
                { type: 'command', command: 'sh hooks/context.sh', id: 'context' },
                { type: 'command', command: 'echo "EXECUTOR-PLAIN after context"', after: ['context'] },
              ],
            },
          ],
        }),
        'hooks/context.sh': {
          content: '#!/bin/sh\ninput=$(cat)\ncase "$input" in *"hello executor"*) seen=yes;; *) seen=no;; esac\n' +
            'printf \'{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"EXECUTOR-JSON prompt-seen=%s dir-ok=%s"}}\' ' +
              '"$seen" "$([ "$CLAUDE_PROJECT_DIR" = "$PWD" ] && echo yes || echo no)"\n',
          mode: 0o755,
        },
      },
      turns: [{ text: 'context received' }],
    });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'context received', num_turns: 1 });
    // hook-executor merges its hooks' contexts into one additionalContext, in config (= graph) order.
    expect(receivedText(run.requests)).toContain(
      'UserPromptSubmit hook additional context: EXECUTOR-JSON prompt-seen=yes dir-ok=yes\n\nEXECUTOR-PLAIN after context',
    );
  });

  test('without an executor config the registrations exit at once, silently, and the session is unaffected', async () => {
    const run = await runWithPlugin({ prompt: 'hello', turns: [{ text: 'plain' }], outputFormat: 'stream-json' });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'plain' });
    for (const event of ['SessionStart', 'UserPromptSubmit', 'Stop']) {
      const responses = hookResponses(run, event);
      expect(responses.length).toBeGreaterThan(0); // the plugin's hooks did run…
      for (const response of responses) expect(response).toMatchObject({ exit_code: 0, stdout: '', stderr: '', outcome: 'success' }); // …and said nothing
    }
    expect(hookNotes(run.requests)).toEqual([]);
  });

  test('parallel-reminder is off by default and on with FANOUT_PARALLEL_REMINDER=on in the settings env', async () => {
    const off = await runWithPlugin({ prompt: 'hello', turns: [{ text: 'ok' }] });
    expect(off.requests.some((r) => r.raw.includes(REMINDER))).toBe(false);

    const on = await runWithPlugin({ prompt: 'hello', settings: { env: { FANOUT_PARALLEL_REMINDER: 'on' } }, turns: [{ text: 'ok' }] });
    const notes = hookNotes(on.requests).filter((n) => n.text.startsWith(REMINDER));
    expect(notes).toEqual([expect.objectContaining({ label: 'UserPromptSubmit', kind: 'success' })]);
    expect(notes[0]!.text).toContain('issue all of those tool calls together in ONE message');
  });
});
