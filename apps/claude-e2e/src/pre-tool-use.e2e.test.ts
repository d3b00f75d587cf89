import { describe, expect, test } from '@jest/globals';
import { observe } from './observe.js';
import { hookCase, shHook } from './test-helpers/hook-case.js';

const BASH = { name: 'Bash', input: { command: 'echo ran > ran.txt && echo TOOL-OUTPUT-MARK', description: 'write ran.txt' } };
const TURNS = [{ toolUse: BASH }, { text: 'tool turn over' }];
const decision = (value: string, reason: string): string =>
  `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"${value}","permissionDecisionReason":"${reason}"}}'`;

const allowHook = { type: 'command', command: 'sh hooks/allow.sh', id: 'allow' } as const;
const allowFile = { 'hooks/allow.sh': shHook(decision('allow', 'ALLOW-REASON fine by me')) };

// One hook allows, another denies with JSON: deny wins, the reason goes to the model.
const denyJsonCase = hookCase({
  prompt: 'write the file',
  hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [allowHook, { type: 'command', command: 'sh hooks/deny.sh', id: 'deny' }] }] },
  files: { ...allowFile, 'hooks/deny.sh': shHook(decision('deny', 'DENY-JSON no writes here')) },
  turns: TURNS,
  allowedTools: ['Bash'],
});

// The same with exit 2: stderr is the reason, tagged with the hook's command (hook-executor
// rebuilds that framing, so the model gets the same bytes either way).
const denyExit2Case = hookCase({
  prompt: 'write the file',
  hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [allowHook, { type: 'command', command: 'sh hooks/deny.sh', id: 'deny' }] }] },
  files: { ...allowFile, 'hooks/deny.sh': shHook(`echo "DENY-EXIT2 no writes here" >&2\nexit 2`) },
  turns: TURNS,
  allowedTools: ['Bash'],
});

// Two hooks deny. Claude Code passes one reason on (measured: the last to finish);
// hook-executor passes both, in config order (issue 6: reasons joined in config order).
const twoDenialsCase = hookCase({
  prompt: 'write the file',
  hooks: {
    PreToolUse: [
      {
        matcher: 'Bash',
        hooks: [
          { type: 'command', command: 'sh hooks/deny-one.sh', id: 'deny-one' },
          { type: 'command', command: 'sh hooks/deny-two.sh', id: 'deny-two' },
        ],
      },
    ],
  },
  files: {
    'hooks/deny-one.sh': shHook(`sleep 0.3\n${decision('deny', 'DENY-ONE first in config')}`),
    'hooks/deny-two.sh': shHook(decision('deny', 'DENY-TWO second in config')),
  },
  turns: TURNS,
  allowedTools: ['Bash'],
});

// Allowed: a matching hook allows and records its input; a hook for another tool denies
// but must not run.
const allowCase = hookCase({
  prompt: 'write the file',
  hooks: {
    PreToolUse: [
      { matcher: 'Bash', hooks: [allowHook, { type: 'command', command: 'sh hooks/record.sh', id: 'record' }] },
      { matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'sh hooks/deny-edits.sh', id: 'deny-edits' }] },
    ],
  },
  files: {
    ...allowFile,
    'hooks/record.sh': shHook(
      `case "$input" in *'"tool_name":"Bash"'*'echo ran > ran.txt'*) echo "saw Bash" >> seen.txt ;; *) echo "unexpected input" >> seen.txt ;; esac`,
    ),
    'hooks/deny-edits.sh': shHook(`echo "edits ran" >> seen.txt\n${decision('deny', 'DENY-EDITS wrong matcher fired')}`),
  },
  turns: TURNS,
  allowedTools: ['Bash'],
});

describe('PreToolUse deny (one hook allows, another denies with JSON)', () => {
  test('registered directly: the tool does not run and the model gets the reason as an error result', async () => {
    const run = await denyJsonCase.run('direct');
    const seen = observe(run);
    expect(run.projectFiles['ran.txt']).toBeUndefined();
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'tool turn over', modelRequests: 2 });
    expect(seen.toolResults).toEqual([{ toolUseId: 'toolu_fake_0_0', content: 'DENY-JSON no writes here', isError: true }]);
    expect(seen.permissionDenials).toEqual([{ toolName: 'Bash', toolInput: BASH.input }]);
  });

  test('through hook-executor: exactly the same', async () => {
    const direct = observe(await denyJsonCase.run('direct'));
    const run = await denyJsonCase.run('executor');
    expect(run.projectFiles['ran.txt']).toBeUndefined();
    expect(observe(run)).toEqual(direct);
  });
});

describe('PreToolUse deny by exit 2', () => {
  test('registered directly: the tool does not run; the error result names the hook', async () => {
    const run = await denyExit2Case.run('direct');
    const seen = observe(run);
    expect(run.projectFiles['ran.txt']).toBeUndefined();
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'tool turn over', modelRequests: 2 });
    expect(seen.toolResults).toEqual([
      { toolUseId: 'toolu_fake_0_0', content: 'PreToolUse:Bash hook error: [sh hooks/deny.sh]: DENY-EXIT2 no writes here\n', isError: true },
    ]);
    expect(seen.permissionDenials).toEqual([{ toolName: 'Bash', toolInput: BASH.input }]);
  });

  test('through hook-executor: exactly the same, the tool_result in Claude Code\'s own framing', async () => {
    const direct = observe(await denyExit2Case.run('direct'));
    const run = await denyExit2Case.run('executor');
    expect(run.projectFiles['ran.txt']).toBeUndefined();
    expect(observe(run)).toEqual(direct);
  });
});

describe('PreToolUse with two denying hooks', () => {
  const reasons = ['DENY-ONE first in config', 'DENY-TWO second in config'];

  test('registered directly: the tool does not run and exactly one reason reaches the model', async () => {
    const run = await twoDenialsCase.run('direct');
    const seen = observe(run);
    expect(run.projectFiles['ran.txt']).toBeUndefined();
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'tool turn over', modelRequests: 2 });
    expect(seen.toolResults).toHaveLength(1);
    expect(seen.toolResults[0]!.isError).toBe(true);
    expect(reasons).toContain(seen.toolResults[0]!.content);
  });

  test('through hook-executor: the same denial, with every reason in config order', async () => {
    const direct = observe(await twoDenialsCase.run('direct'));
    const run = await twoDenialsCase.run('executor');
    const executor = observe(run);
    expect(run.projectFiles['ran.txt']).toBeUndefined();
    expect({ ...executor, toolResults: [] }).toEqual({ ...direct, toolResults: [] });
    expect(executor.toolResults).toHaveLength(1);
    expect(executor.toolResults[0]!.isError).toBe(true);
    const content = executor.toolResults[0]!.content;
    expect(content.indexOf(reasons[0]!)).toBeGreaterThanOrEqual(0);
    expect(content.indexOf(reasons[1]!)).toBeGreaterThan(content.indexOf(reasons[0]!));
  });
});

describe('PreToolUse allow', () => {
  test('registered directly: the tool runs, only matching hooks fire, the model gets the output', async () => {
    const run = await allowCase.run('direct');
    const seen = observe(run);
    expect(run.projectFiles['ran.txt']).toBe('ran\n');
    expect(run.projectFiles['seen.txt']).toBe('saw Bash\n');
    expect(seen).toMatchObject({ exitCode: 0, isError: false, numTurns: 2, resultText: 'tool turn over', modelRequests: 2, permissionDenials: [] });
    expect(seen.toolResults).toEqual([{ toolUseId: 'toolu_fake_0_0', content: 'TOOL-OUTPUT-MARK', isError: false }]);
  });

  test('through hook-executor: exactly the same', async () => {
    const direct = observe(await allowCase.run('direct'));
    const run = await allowCase.run('executor');
    expect(run.projectFiles['ran.txt']).toBe('ran\n');
    expect(run.projectFiles['seen.txt']).toBe('saw Bash\n');
    expect(observe(run)).toEqual(direct);
  });
});
