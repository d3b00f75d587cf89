import { describe, expect, test } from '@jest/globals';
import { observe, unordered } from './observe.js';
import { hookNotes } from './received.js';
import { hookCase, shHook } from './test-helpers/hook-case.js';

const MARKERS = ['SS-PLAIN first line', 'SS-JSON context', 'SS-RESUME must not fire'];

// Two startup hooks (plain multi-line stdout, JSON additionalContext) and a resume-only one.
const sessionCase = hookCase({
  prompt: 'hello',
  hooks: {
    SessionStart: [
      {
        matcher: 'startup',
        hooks: [
          { type: 'command', command: 'sh hooks/plain.sh', id: 'plain' },
          { type: 'command', command: 'sh hooks/json.sh', id: 'json' },
        ],
      },
      { matcher: 'resume', hooks: [{ type: 'command', command: 'sh hooks/resume.sh', id: 'resume' }] },
    ],
  },
  files: {
    'hooks/plain.sh': shHook(`sleep 0.2\necho "${MARKERS[0]}"\necho "SS-PLAIN second line"`),
    'hooks/json.sh': shHook(`echo '{"hookSpecificOutput":{"hookEventName":"SessionStart","additionalContext":"${MARKERS[1]}"}}'`),
    'hooks/resume.sh': shHook(`echo "${MARKERS[2]}"`),
  },
  turns: [{ text: 'session context noted' }],
});

describe('SessionStart context', () => {
  test('registered directly: startup contexts reach the model, the resume hook does not fire', async () => {
    const run = await sessionCase.run('direct');
    const seen = observe(run, MARKERS);
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 1, resultText: 'session context noted', modelRequests: 1 });
    expect([...seen.markers].sort()).toEqual([MARKERS[0], MARKERS[1]].sort());
    expect(run.requests.some((r) => r.raw.includes('SS-PLAIN second line'))).toBe(true);
    const notes = hookNotes(run.requests).map((n) => `${n.label} hook ${n.kind}: ${n.text}`);
    expect(notes).toEqual(
      expect.arrayContaining([`SessionStart:startup hook success: ${MARKERS[0]}\nSS-PLAIN second line`, `SessionStart hook additional context: ${MARKERS[1]}`]),
    );
  });

  test('through hook-executor: the same contexts reach the model, in config order', async () => {
    const direct = observe(await sessionCase.run('direct'), MARKERS);
    const run = await sessionCase.run('executor');
    const executor = observe(run, MARKERS);
    expect(unordered(executor)).toEqual(unordered(direct));
    expect(executor.markers).toEqual([MARKERS[0], MARKERS[1]]);
    expect(run.requests.some((r) => r.raw.includes('SS-PLAIN second line'))).toBe(true);
  });
});
