// `install` with no --mode picks the fastest mode whose gates fail closed: forward (the launcher)
// where bash and /proc are there. The launcher, run as Claude Code runs it with no server up, still
// runs the hooks (through `run`), so a gate denies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';

const ORIGINAL = JSON.stringify({
  hooks: {
    PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo "not this one" >&2; exit 2' }] }],
    UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo ctx' }] }],
  },
});

describe('install --mode auto', () => {
  test('chooses forward, says so, registers the launcher and `serve --ensure`; uninstall restores', async () => {
    const dir = tempDir('install-forward-');
    const home = path.join(dir, 'home');
    fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
    fs.mkdirSync(home);
    const settingsFile = path.join(dir, '.claude', 'settings.json');
    fs.writeFileSync(settingsFile, ORIGINAL);
    const env = {
      ...process.env,
      HOME: home,
      CLAUDE_PROJECT_DIR: dir,
      HOOK_MONITOR_DIR: path.join(dir, 'mon'),
      HOOK_EXECUTOR_STATE_DIR: path.join(dir, 'state'),
    };

    const install = await runBin(['install'], { cwd: dir, env });
    expect(install.code).toBe(0);
    expect(install.stderr).toMatch(/^mode: forward — /m);
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    const pre = settings.hooks.PreToolUse[0].hooks[0] as { command: string; args: string[] };
    // exec form: Claude Code starts the launcher itself, no shell in between
    expect(pre).toMatchObject({ command: expect.stringMatching(/^\/.*\/bin\/hook-executor-run$/), args: ['--event', 'PreToolUse'] });
    expect(settings.hooks.SessionStart[0].hooks[0].command).toMatch(/ serve --ensure$/);

    // No server is running: the gate still denies, as `run` would.
    const input = JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } });
    const answer = JSON.parse(execFileSync(pre.command, pre.args, { input, env, cwd: dir }).toString());
    expect(answer.hookSpecificOutput.permissionDecision).toBe('deny');
    // A Claude Code without exec form runs the command through the shell, without the arguments:
    // the launcher takes the event from the input.
    const shellForm = JSON.parse(execFileSync('/bin/sh', ['-c', pre.command], { input, env, cwd: dir }).toString());
    expect(shellForm.hookSpecificOutput.permissionDecision).toBe('deny');

    expect((await runBin(['install'], { cwd: dir, env })).stderr).toMatch(/nothing to change/);
    const json = await runBin(['install', '--mode', 'auto', '--dry-run', '--json'], { cwd: dir, env });
    expect(JSON.parse(json.stdout)).toMatchObject({ mode: 'forward', changed: false });
    expect((await runBin(['uninstall'], { cwd: dir, env })).code).toBe(0);
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(ORIGINAL);
  });
});
