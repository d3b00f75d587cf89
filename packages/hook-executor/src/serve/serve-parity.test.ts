// `serve` answers what `run` prints, for the same input and config: one real server, the real
// binary for `run`, real hook processes. Where `run` speaks plain text or an exit code, the http
// body says the same thing the way Claude Code reads an http hook.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { printJson, runBin, tempDir } from '../test-helpers/fixtures.js';
import { hookPost, serverForFile } from '../test-helpers/serve.js';

const shared = serverForFile(beforeAll, afterAll);

/** A project with this executor config; returns the input for `event` with cwd = the project. */
function project(config: unknown, input: Record<string, unknown>): { dir: string; input: Record<string, unknown> } {
  const dir = tempDir('hook-executor-parity-');
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return { dir, input: { session_id: 'parity', cwd: dir, ...input } };
}

async function both(event: string, config: unknown, input: Record<string, unknown>) {
  const p = project(config, { hook_event_name: event, ...input });
  const run = await runBin(['run', '--event', event], { input: JSON.stringify(p.input), env: shared.s.env });
  const served = await hookPost(shared.server, event, p.input);
  return { run, served, dir: p.dir };
}

const hooks = (event: string, handlers: unknown[], matcher?: string) => ({ hooks: { [event]: [{ ...(matcher ? { matcher } : {}), hooks: handlers }] } });
const cmd = (command: string, extra: Record<string, unknown> = {}) => ({ type: 'command', command, ...extra });

describe('serve answers what run prints', () => {
  test.each([
    [
      'UserPromptSubmit contexts (plain stdout and JSON)',
      'UserPromptSubmit',
      hooks('UserPromptSubmit', [
        cmd('sleep 0.2; echo PLAIN'),
        cmd(printJson({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'JSON' } })),
      ]),
      { prompt: 'hi' },
    ],
    [
      'UserPromptSubmit block by exit 2',
      'UserPromptSubmit',
      hooks('UserPromptSubmit', [cmd('echo CTX'), cmd('echo "no secrets" >&2; exit 2')]),
      { prompt: 'hi' },
    ],
    [
      'UserPromptSubmit block by JSON',
      'UserPromptSubmit',
      hooks('UserPromptSubmit', [cmd(printJson({ decision: 'block', reason: 'JSON says no' }))]),
      { prompt: 'hi' },
    ],
    [
      'PreToolUse deny by exit 2 beats allow',
      'PreToolUse',
      hooks(
        'PreToolUse',
        [cmd(printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' } })), cmd('echo "not here" >&2; exit 2')],
        'Bash',
      ),
      { tool_name: 'Bash', tool_input: { command: 'rm -rf x' } },
    ],
    [
      'PreToolUse continue: false',
      'PreToolUse',
      hooks('PreToolUse', [
        cmd(printJson({ continue: false, stopReason: 'halt here' })),
        cmd(printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' } })),
      ]),
      { tool_name: 'Bash', tool_input: { command: 'ls' } },
    ],
    ['Stop block', 'Stop', hooks('Stop', [cmd(printJson({ decision: 'block', reason: 'tests fail' })), cmd('exit 0')]), {}],
    [
      'PostToolUse context and a failing hook',
      'PostToolUse',
      hooks('PostToolUse', [
        cmd(printJson({ hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: 'formatted' } })),
        cmd('echo oops >&2; exit 1'),
      ]),
      { tool_name: 'Edit', tool_input: {}, tool_response: {} },
    ],
  ])('%s: the same JSON, byte for byte', async (_name, event, config, input) => {
    const { run, served } = await both(event, config, input);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('{')).toBe(true);
    expect(served.status).toBe(200);
    expect(served.headers['x-hook-executor-exit-code']).toBe('0');
    expect(served.body).toBe(run.stdout.trimEnd());
  });

  test('plain-text contexts only: run prints them as text, serve as additionalContext (an http body must be JSON)', async () => {
    const { run, served } = await both('UserPromptSubmit', hooks('UserPromptSubmit', [cmd('echo ONE'), cmd('echo TWO')]), { prompt: 'hi' });
    expect(run.stdout).toBe('ONE\n\nTWO\n');
    expect(JSON.parse(served.body)).toEqual({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'ONE\n\nTWO' } });
  });

  test('no matching hook: both say nothing', async () => {
    const { run, served } = await both('PreToolUse', hooks('PreToolUse', [cmd('echo never')], 'Edit'), { tool_name: 'Bash', tool_input: {} });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(served).toMatchObject({ status: 200, body: '' });
  });

  test('a broken config: run exits 1 with one line; serve tells the user in systemMessage (the prompt proceeds either way)', async () => {
    const { run, served } = await both('UserPromptSubmit', hooks('UserPromptSubmit', [cmd('echo x', { timeout: '30s' })]), { prompt: 'hi' });
    expect(run.code).toBe(1);
    expect(JSON.parse(served.body)).toEqual({ systemMessage: run.stderr.trim() });
    expect(served.headers['x-hook-executor-exit-code']).toBe('1');
  });

  test('failClosed on PreToolUse: run exits 2 (a deny); serve answers the deny as JSON', async () => {
    const { run, served } = await both(
      'PreToolUse',
      { failClosed: true, hooks: { PreToolUse: [{ hooks: [cmd('x', { after: ['nope'] })] }] } },
      { tool_name: 'Bash', tool_input: {} },
    );
    expect(run.code).toBe(2);
    expect(JSON.parse(served.body)).toEqual({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: run.stderr.trim() },
    });
  });

  test('failClosed on UserPromptSubmit: serve answers decision block with the reason', async () => {
    const { run, served } = await both('UserPromptSubmit', '{"failClosed": true, "hooks": {', { prompt: 'hi' });
    expect(run.code).toBe(2);
    expect(JSON.parse(served.body)).toEqual({ decision: 'block', reason: run.stderr.trim() });
  });

  test('SessionEnd exit 2 (stderr to the user) has no http equivalent: serve says so in a header and the log', async () => {
    const { run, served } = await both('SessionEnd', hooks('SessionEnd', [cmd('echo "bye now" >&2; exit 2')]), { reason: 'other' });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'bye now\n' });
    expect(served).toMatchObject({ status: 200, body: '' });
    expect(served.headers['x-hook-executor-lost']).toBe('exit 2 (SessionEnd has no JSON equivalent)');
    expect(shared.server.log()).toContain('SessionEnd: exit 2 (SessionEnd has no JSON equivalent): bye now');
  });
});
