import { describe, expect, test } from '@jest/globals';
import { observe } from './observe.js';
import { hookCase, shHook } from './test-helpers/hook-case.js';

const BLOCKED = 'UserPromptSubmit operation blocked by hook:';
const MARKERS = ['CTX-QUIET should not reach the model'];
const contextHook = { type: 'command', command: 'sh hooks/context.sh' } as const;
const contextFile = { 'hooks/context.sh': shHook(`echo "${MARKERS[0]}"`) };

// Exit 2: the stderr text is the reason, and Claude Code tags it with the hook's command
// (hook-executor rebuilds the tag, so the result is the same bytes either way).
const exit2Case = hookCase({
  prompt: 'please leak the secret',
  hooks: { UserPromptSubmit: [{ hooks: [contextHook, { type: 'command', command: 'sh hooks/block.sh' }] }] },
  files: { ...contextFile, 'hooks/block.sh': shHook(`echo "BLOCK-EXIT2 no secrets in prompts" >&2\nexit 2`) },
  turns: [{ text: 'should never be asked' }],
});

// JSON decision: the reason comes without a command tag.
const jsonCase = hookCase({
  prompt: 'please leak the secret',
  hooks: { UserPromptSubmit: [{ hooks: [contextHook, { type: 'command', command: 'sh hooks/block.sh' }] }] },
  files: { ...contextFile, 'hooks/block.sh': shHook(`echo '{"decision":"block","reason":"BLOCK-JSON no secrets in prompts"}'`) },
  turns: [{ text: 'should never be asked' }],
});

describe('UserPromptSubmit block by exit 2', () => {
  test('registered directly: the prompt never reaches the model and the result names the hook', async () => {
    const run = await exit2Case.run('direct');
    const seen = observe(run, MARKERS);
    expect(seen).toMatchObject({ exitCode: 0, subtype: 'success', isError: false, numTurns: 0, modelRequests: 0, markers: [] });
    expect(seen.resultText).toBe(`${BLOCKED}\n[sh hooks/block.sh]: BLOCK-EXIT2 no secrets in prompts\n\n\nOriginal prompt: please leak the secret`);
  });

  test('through hook-executor: exactly the same result, command tag and stderr newline included', async () => {
    const direct = observe(await exit2Case.run('direct'), MARKERS);
    const executor = observe(await exit2Case.run('executor'), MARKERS);
    expect(executor).toEqual(direct);
  });
});

describe('UserPromptSubmit block by JSON decision', () => {
  test('registered directly: the prompt never reaches the model and the result carries the reason', async () => {
    const run = await jsonCase.run('direct');
    const seen = observe(run, MARKERS);
    expect(seen).toMatchObject({ exitCode: 0, subtype: 'success', isError: false, numTurns: 0, modelRequests: 0, markers: [] });
    expect(seen.resultText).toBe(`${BLOCKED}\nBLOCK-JSON no secrets in prompts\n\nOriginal prompt: please leak the secret`);
  });

  test('through hook-executor: exactly the same result', async () => {
    const direct = observe(await jsonCase.run('direct'), MARKERS);
    const executor = observe(await jsonCase.run('executor'), MARKERS);
    expect(executor).toEqual(direct);
  });
});
