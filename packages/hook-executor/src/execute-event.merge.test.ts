// Every merge rule, per event, with real `sh` hooks.
import { describe, expect, test } from '@jest/globals';
import { executeEvent } from './execute-event.js';
import { printJson, simpleConfig, tempDir } from './test-helpers/fixtures.js';

const pre = { session_id: 's', cwd: '/tmp', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } };
const ups = { session_id: 's', cwd: '/tmp', hook_event_name: 'UserPromptSubmit', prompt: 'hello' };

const decide = (decision: string, reason?: string, sleep = 0) =>
  `${sleep ? `sleep ${sleep}; ` : ''}${printJson({
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, ...(reason ? { permissionDecisionReason: reason } : {}) },
  })}`;

async function runPre(hooks: string[]) {
  const result = await executeEvent('PreToolUse', pre, simpleConfig('PreToolUse', hooks));
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as { hookSpecificOutput: Record<string, unknown>; systemMessage?: string };
}

describe('PreToolUse: deny > defer > ask > allow', () => {
  test('allow + ask → ask with the ask reason', async () => {
    const out = await runPre([decide('allow', 'fine'), decide('ask', 'check this')]);
    expect(out.hookSpecificOutput).toEqual({ hookEventName: 'PreToolUse', permissionDecision: 'ask', permissionDecisionReason: 'check this' });
  });

  test('allow + deny → deny; defer + ask → defer; deny + defer → deny', async () => {
    expect((await runPre([decide('allow'), decide('deny', 'no')])).hookSpecificOutput.permissionDecision).toBe('deny');
    expect((await runPre([decide('ask'), decide('defer')])).hookSpecificOutput.permissionDecision).toBe('defer');
    expect((await runPre([decide('defer'), decide('deny', 'x')])).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  test('several deny reasons are joined in config order, even when the first is the slowest', async () => {
    const out = await runPre([decide('deny', 'first', 0.4), decide('allow', 'ok'), decide('deny', 'second')]);
    expect(out.hookSpecificOutput.permissionDecisionReason).toBe('first\nsecond');
  });

  test('exit 2 is a deny with stderr as the reason (in Claude Code’s own framing), and JSON allow from another hook cannot undo it', async () => {
    const cmd = 'echo "rm is not allowed" >&2; exit 2';
    const out = await runPre([cmd, decide('allow', 'looks fine')]);
    expect(out.hookSpecificOutput).toMatchObject({
      permissionDecision: 'deny',
      permissionDecisionReason: `PreToolUse:Bash hook error: [${cmd}]: rm is not allowed\n`,
    });
  });

  test('deprecated top-level decision approve/block map to allow/deny', async () => {
    const out = await runPre([printJson({ decision: 'block', reason: 'legacy no' })]);
    expect(out.hookSpecificOutput).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: 'legacy no' });
  });

  test('additionalContext of every hook is kept, and only PreToolUse fields are emitted', async () => {
    const ctx = (text: string) => printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: text, sessionTitle: 'nope' } });
    const out = await runPre([ctx('one'), ctx('two')]);
    expect(out.hookSpecificOutput).toEqual({ hookEventName: 'PreToolUse', additionalContext: 'one\n\ntwo' });
  });
});

describe('UserPromptSubmit', () => {
  test('contexts in config order even when the first hook is the slowest (plain stdout and JSON mixed)', async () => {
    const config = simpleConfig('UserPromptSubmit', [
      'sleep 0.4; echo slow-first',
      printJson({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'json-second' } }),
      'echo fast-third',
    ]);
    const result = await executeEvent('UserPromptSubmit', ups, config);
    expect(JSON.parse(result.stdout)).toEqual({
      hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'slow-first\n\njson-second\n\nfast-third' },
    });
    const [first, , third] = result.record.hooks;
    expect(third!.end_ms).toBeLessThan(first!.end_ms); // it really finished first
  });

  test('only plain stdout: passed on as plain stdout, as a native hook would be', async () => {
    const result = await executeEvent('UserPromptSubmit', ups, simpleConfig('UserPromptSubmit', ['sleep 0.2; echo one', 'echo two']));
    expect(result).toMatchObject({ exitCode: 0, stdout: 'one\n\ntwo\n' });
  });

  test('exit 2 blocks: JSON block whose reason reads like the native "[command]: stderr"', async () => {
    const cmd = 'echo "secret in prompt" >&2; exit 2';
    const result = await executeEvent('UserPromptSubmit', ups, simpleConfig('UserPromptSubmit', ['echo ctx', cmd]));
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: 'block', reason: `[${cmd}]: secret in prompt\n` });
  });

  test('exit 2 and decision:block reasons are joined in config order', async () => {
    const config = simpleConfig('UserPromptSubmit', ['sleep 0.3; ' + printJson({ decision: 'block', reason: 'json says no' }), 'echo nope >&2; exit 2']);
    const out = JSON.parse((await executeEvent('UserPromptSubmit', ups, config)).stdout);
    expect(out.decision).toBe('block');
    expect(out.reason).toBe('json says no\n[echo nope >&2; exit 2]: nope\n');
  });

  test('continue:false wins, with its stopReason', async () => {
    const config = simpleConfig('UserPromptSubmit', ['echo context', printJson({ continue: false, stopReason: 'budget exhausted' })]);
    const out = JSON.parse((await executeEvent('UserPromptSubmit', ups, config)).stdout);
    expect(out).toMatchObject({ continue: false, stopReason: 'budget exhausted' });
  });

  test('systemMessages are joined in config order', async () => {
    const config = simpleConfig('UserPromptSubmit', ['sleep 0.2; ' + printJson({ systemMessage: 'first' }), printJson({ systemMessage: 'second' })]);
    expect(JSON.parse((await executeEvent('UserPromptSubmit', ups, config)).stdout).systemMessage).toBe('first\nsecond');
  });

  test('a timeout gives no decision and is reported, never silently', async () => {
    const config = simpleConfig('UserPromptSubmit', [{ command: 'sleep 30; echo late', timeout: 0.3, id: 'slowpoke' }, 'echo ok']);
    const start = performance.now();
    const result = await executeEvent('UserPromptSubmit', ups, config, { killGraceMs: 100 });
    expect(performance.now() - start).toBeLessThan(5000);
    const out = JSON.parse(result.stdout);
    expect(out.systemMessage).toMatch(/^slowpoke: timed out after 0\.3 s/);
    expect(out.hookSpecificOutput.additionalContext).toBe('ok');
    expect(result.record.hooks[0]).toMatchObject({ id: 'slowpoke', timed_out: true, exit_code: null, error: 'timeout' });
  });

  test('crashes and non-blocking errors are reported in systemMessage', async () => {
    const config = simpleConfig('UserPromptSubmit', [
      { id: 'missing', command: '/nonexistent/hook', args: [] },
      { id: 'fails', command: 'echo "lint exploded" >&2; echo partial; exit 1' },
      { id: 'killed', command: 'kill -9 $$' },
    ]);
    const result = await executeEvent('UserPromptSubmit', ups, config);
    const out = JSON.parse(result.stdout);
    expect(out.systemMessage.split('\n')).toEqual([
      'missing: could not run (spawn ENOENT); it gave no decision',
      'fails: failed with non-blocking status code 1: lint exploded',
      'killed: crashed (killed by SIGKILL); it gave no decision',
    ]);
    expect(out.hookSpecificOutput).toBeUndefined(); // a failed hook's stdout is not context
  });

  test('invalid JSON is plain text (context); a schema-invalid object is a reported hook error', async () => {
    const config = simpleConfig('UserPromptSubmit', ['echo "{not json"', printJson({ hookSpecificOutput: { hookEventName: 'Stop', additionalContext: 'x' } })]);
    const out = JSON.parse((await executeEvent('UserPromptSubmit', ups, config)).stdout);
    expect(out.hookSpecificOutput.additionalContext).toBe('{not json');
    expect(out.systemMessage).toMatch(/hook error: invalid JSON output \(hookSpecificOutput\.hookEventName must be "UserPromptSubmit"/);
  });

  test('sessionTitle: the last in config order; suppressOriginalPrompt: any', async () => {
    const out = (v: Record<string, unknown>) => printJson({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', ...v } });
    const config = simpleConfig('UserPromptSubmit', ['sleep 0.2; ' + out({ sessionTitle: 'A' }), out({ sessionTitle: 'B', suppressOriginalPrompt: true })]);
    expect(JSON.parse((await executeEvent('UserPromptSubmit', ups, config)).stdout).hookSpecificOutput).toEqual({
      hookEventName: 'UserPromptSubmit',
      sessionTitle: 'B',
      suppressOriginalPrompt: true,
    });
  });
});

describe('other events', () => {
  test('Stop: block reasons joined, JSON block', async () => {
    const config = simpleConfig('Stop', ['echo "tests fail" >&2; exit 2', printJson({ decision: 'block', reason: 'lint fails' })]);
    const result = await executeEvent('Stop', { hook_event_name: 'Stop', stop_hook_active: false }, config);
    expect(JSON.parse(result.stdout)).toEqual({ decision: 'block', reason: 'tests fail\nlint fails' });
  });

  test('PostToolUse: exit 2 becomes a block whose reason (stderr) goes to Claude', async () => {
    const config = simpleConfig('PostToolUse', ['echo "format changed the file" >&2; exit 2']);
    const result = await executeEvent('PostToolUse', { ...pre, hook_event_name: 'PostToolUse' }, config);
    expect(JSON.parse(result.stdout)).toEqual({ decision: 'block', reason: 'format changed the file' });
  });

  test('TeammateIdle / TaskCompleted: only exit 2 works, so the executor exits 2 with the reasons', async () => {
    for (const event of ['TeammateIdle', 'TaskCompleted']) {
      const result = await executeEvent(
        event,
        { hook_event_name: event },
        simpleConfig(event, ['echo "keep going" >&2; exit 2', 'echo "also this" >&2; exit 2']),
      );
      expect(result).toMatchObject({ exitCode: 2, stdout: '', stderr: 'keep going\nalso this\n' });
    }
  });

  test('SessionStart: plain stdout is context; exit 2 stderr is shown to the user', async () => {
    const config = simpleConfig('SessionStart', ['echo "branch: main"', 'echo "env missing" >&2; exit 2']);
    const result = await executeEvent('SessionStart', { hook_event_name: 'SessionStart', source: 'startup' }, config);
    expect(JSON.parse(result.stdout)).toEqual({
      systemMessage: 'env missing',
      hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'branch: main' },
    });
  });

  test('SessionEnd: exit 2 keeps its native channel (exit 2, stderr to the user)', async () => {
    const result = await executeEvent('SessionEnd', { hook_event_name: 'SessionEnd', reason: 'other' }, simpleConfig('SessionEnd', ['echo bye >&2; exit 2']));
    expect(result).toMatchObject({ exitCode: 2, stderr: 'bye\n' });
  });

  test('PermissionRequest: deny wins over allow', async () => {
    const d = (behavior: string, message?: string) =>
      printJson({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior, ...(message ? { message } : {}) } } });
    const result = await executeEvent(
      'PermissionRequest',
      { ...pre, hook_event_name: 'PermissionRequest' },
      simpleConfig('PermissionRequest', [d('allow'), d('deny', 'no prod')]),
    );
    expect(JSON.parse(result.stdout).hookSpecificOutput).toEqual({ hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'no prod' } });
  });

  test('Notification: exit 2 is ignored, nothing is emitted', async () => {
    const result = await executeEvent(
      'Notification',
      { hook_event_name: 'Notification', notification_type: 'idle_prompt' },
      simpleConfig('Notification', ['exit 2']),
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });

  test('WorktreeCreate: the last path printed; any failure fails it', async () => {
    const ok = await executeEvent('WorktreeCreate', { hook_event_name: 'WorktreeCreate' }, simpleConfig('WorktreeCreate', ['echo making; echo /tmp/wt']));
    expect(ok).toMatchObject({ exitCode: 0, stdout: '/tmp/wt\n' });
    const bad = await executeEvent('WorktreeCreate', { hook_event_name: 'WorktreeCreate' }, simpleConfig('WorktreeCreate', ['echo /tmp/wt', 'exit 3']));
    expect(bad.exitCode).toBe(1);
  });

  test('hooks run in the input cwd, with the exact input bytes and CLAUDE_PROJECT_DIR', async () => {
    const dir = tempDir();
    const raw = `{"hook_event_name": "UserPromptSubmit",   "cwd": "${dir}", "prompt": "ünïcode"}`;
    const config = simpleConfig('UserPromptSubmit', ['echo "$(pwd)|$CLAUDE_PROJECT_DIR|$(cat)"']);
    const result = await executeEvent('UserPromptSubmit', JSON.parse(raw), config, {
      rawInput: Buffer.from(raw),
      projectDir: '/proj',
      env: { PATH: process.env.PATH },
    });
    expect(result.stdout).toBe(`${dir}|/proj|${raw}\n`);
  });
});
