import { describe, expect, test } from '@jest/globals';
import { observe, unordered } from './observe.js';
import { hookNotes } from './received.js';
import { hookCase, shHook } from './test-helpers/hook-case.js';

// Three UserPromptSubmit hooks adding context: plain stdout, JSON additionalContext, and
// one that checks its cwd and environment. The first is the slowest, so finishing order
// differs from config order.
const MARKERS = ['CTX-ALPHA plain stdout', 'CTX-BRAVO saw the prompt', 'CTX-CHARLIE cwd is the project dir'];
const PROMPT = 'PROMPT-MARK please answer';

const contextCase = hookCase({
  prompt: PROMPT,
  hooks: {
    UserPromptSubmit: [
      {
        hooks: [
          { type: 'command', command: 'sh hooks/alpha.sh', id: 'alpha' },
          { type: 'command', command: 'sh hooks/bravo.sh', id: 'bravo' },
          { type: 'command', command: 'sh "$CLAUDE_PROJECT_DIR/hooks/charlie.sh"', id: 'charlie' },
        ],
      },
    ],
  },
  files: {
    'hooks/alpha.sh': shHook(`sleep 0.3\necho "${MARKERS[0]}"`),
    'hooks/bravo.sh': shHook(`
case "$input" in
  *'"hook_event_name":"UserPromptSubmit"'*PROMPT-MARK*|*PROMPT-MARK*'"hook_event_name":"UserPromptSubmit"'*) seen="saw the prompt" ;;
  *) seen="did not see the prompt" ;;
esac
printf '{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"CTX-BRAVO %s"}}\\n' "$seen"`),
    'hooks/charlie.sh': shHook(`
if [ "$(pwd)" = "$CLAUDE_PROJECT_DIR" ]; then echo "CTX-CHARLIE cwd is the project dir"; else echo "CTX-CHARLIE cwd $(pwd) is not $CLAUDE_PROJECT_DIR"; fi`),
  },
  turns: [{ text: 'context noted' }],
});

describe('UserPromptSubmit context', () => {
  test('registered directly: every hook context reaches the model', async () => {
    const run = await contextCase.run('direct');
    const seen = observe(run, MARKERS);
    expect(run.stderr).toBe('');
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 1, resultText: 'context noted', modelRequests: 1 });
    expect([...seen.markers].sort()).toEqual([...MARKERS].sort());
    // Plain stdout is labelled "hook success", JSON "hook additional context".
    const notes = hookNotes(run.requests).map((n) => `${n.label} hook ${n.kind}: ${n.text}`);
    expect(notes).toEqual(
      expect.arrayContaining([
        `UserPromptSubmit hook success: ${MARKERS[0]}`,
        `UserPromptSubmit hook additional context: ${MARKERS[1]}`,
        `UserPromptSubmit hook success: ${MARKERS[2]}`,
      ]),
    );
  });

  test('through hook-executor: the same contexts reach the model, in config order', async () => {
    const direct = observe(await contextCase.run('direct'), MARKERS);
    const run = await contextCase.run('executor');
    const executor = observe(run, MARKERS);
    expect(run.stderr).toBe('');
    expect(unordered(executor)).toEqual(unordered(direct));
    expect(executor.markers).toEqual(MARKERS);
  });
});
