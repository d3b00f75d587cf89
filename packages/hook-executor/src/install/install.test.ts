// install / uninstall / check / list through the real binary, on real files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';
import { unionMatchers } from './matcher-union.js';
import { matcherMatches } from '../match/matcher.js';

// Deliberately odd formatting: tabs, inline objects, unicode, no final newline.
const ORIGINAL = `{
\t"model": "opus",   "permissions": {"allow": ["Bash(ls)"]},
\t"hooks": {
\t\t"UserPromptSubmit": [{"hooks": [{"type": "command", "command": "echo 'ctx from settings ✓'"}]}],
\t\t"PreToolUse": [
\t\t\t{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo bash-guard", "timeout": 10}]},
\t\t\t{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "echo fmt", "timeout": 20}, {"type": "prompt", "prompt": "ok?"}]},
\t\t\t{"matcher": "mcp__.*", "hooks": [{"type": "command", "command": "echo mcp", "timeout": 45}]}
\t\t]
\t}
}`;

function setup(text = ORIGINAL) {
  const dir = tempDir();
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
  fs.mkdirSync(home);
  const settings = path.join(dir, '.claude', 'settings.json');
  fs.writeFileSync(settings, text);
  const env = { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: path.join(dir, 'mon') };
  return { dir, settings, executor: path.join(dir, '.claude', 'hook-executor.json'), env };
}

describe('install / uninstall', () => {
  test('install moves the hooks, registers the executor once per event; uninstall restores byte for byte', async () => {
    const p = setup();
    const install = await runBin(['install', '--mode', 'command'], { cwd: p.dir, env: p.env });
    expect(install.code).toBe(0);
    expect(install.stderr).toMatch(/moved 4 hook\(s\) into \.claude\/hook-executor\.json/);
    expect(install.stderr).toMatch(/kept in \.claude\/settings\.json: PreToolUse ok\? \(type "prompt" runs only in Claude Code\)/);

    const settings = JSON.parse(fs.readFileSync(p.settings, 'utf8'));
    expect(settings.model).toBe('opus');
    const pre = settings.hooks.PreToolUse as { matcher?: string; hooks: { command?: string; timeout?: number; type: string }[] }[];
    expect(pre[0]).toEqual({ matcher: 'Edit|Write', hooks: [{ type: 'prompt', prompt: 'ok?' }] });
    const registration = pre[1]!;
    expect(registration.hooks).toHaveLength(1);
    expect(registration.hooks[0]!.command).toMatch(/hook-executor(\.js)?'? run --event PreToolUse$/);
    expect(registration.hooks[0]!.timeout).toBeGreaterThanOrEqual(45);
    for (const tool of ['Bash', 'Edit', 'Write', 'mcp__x__y']) expect(matcherMatches(registration.matcher, tool)).toBe(true);
    expect(matcherMatches(registration.matcher, 'Read')).toBe(false);
    expect(settings.hooks.UserPromptSubmit[0].hooks[0].timeout).toBe(35);

    const executor = JSON.parse(fs.readFileSync(p.executor, 'utf8'));
    expect(executor.hooks.PreToolUse).toEqual([
      { matcher: 'Bash', hooks: [{ id: 'echo', type: 'command', command: 'echo bash-guard', timeout: 10 }] },
      { matcher: 'Edit|Write', hooks: [{ id: 'echo-2', type: 'command', command: 'echo fmt', timeout: 20 }] },
      { matcher: 'mcp__.*', hooks: [{ id: 'echo-3', type: 'command', command: 'echo mcp', timeout: 45 }] },
    ]);

    // The registered command really works, as Claude Code would run it.
    const ups = JSON.stringify({ cwd: p.dir, hook_event_name: 'UserPromptSubmit', prompt: 'x' });
    const command = settings.hooks.UserPromptSubmit[0].hooks[0].command as string;
    expect(execFileSync('sh', ['-c', command], { input: ups, env: p.env, cwd: p.dir }).toString()).toBe('ctx from settings ✓\n');

    const uninstall = await runBin(['uninstall'], { cwd: p.dir, env: p.env });
    expect(uninstall.code).toBe(0);
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(ORIGINAL);
    expect(fs.existsSync(p.executor)).toBe(false);
    expect(fs.readdirSync(path.join(p.dir, '.claude'))).toEqual(['settings.json']);
  });

  test('install is idempotent: a second install changes nothing', async () => {
    const p = setup();
    await runBin(['install', '--mode', 'command'], { cwd: p.dir, env: p.env });
    const settings = fs.readFileSync(p.settings);
    const executor = fs.readFileSync(p.executor);
    const second = await runBin(['install', '--mode', 'command'], { cwd: p.dir, env: p.env });
    expect(second).toMatchObject({ code: 0, stderr: expect.stringMatching(/nothing to change/) });
    expect(fs.readFileSync(p.settings).equals(settings)).toBe(true);
    expect(fs.readFileSync(p.executor).equals(executor)).toBe(true);
    await runBin(['uninstall'], { cwd: p.dir, env: p.env });
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(ORIGINAL); // still the very first state
  });

  test('--dry-run prints a diff and writes nothing', async () => {
    const p = setup();
    const dry = await runBin(['install', '--mode', 'command', '--dry-run'], { cwd: p.dir, env: p.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^--- a\/\.claude\/settings\.json\n\+\+\+ b\/\.claude\/settings\.json\n@@ /);
    expect(dry.stdout).toMatch(/\n\+\+\+ b\/\.claude\/hook-executor\.json\n/);
    expect(dry.stdout).toMatch(/\n-\t\t\t\{"matcher": "Bash", "hooks": /);
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(ORIGINAL);
    expect(fs.readdirSync(path.join(p.dir, '.claude'))).toEqual(['settings.json']);
  });

  test('uninstall refuses when settings changed since install (unless --force), and without a backup', async () => {
    const p = setup();
    expect(await runBin(['uninstall'], { cwd: p.dir, env: p.env })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no backup at .*nothing to uninstall/),
    });
    await runBin(['install', '--mode', 'command'], { cwd: p.dir, env: p.env });
    fs.appendFileSync(p.settings, ' ');
    expect(await runBin(['uninstall'], { cwd: p.dir, env: p.env })).toMatchObject({ code: 1, stderr: expect.stringMatching(/changed since install.*--force/) });
    expect((await runBin(['uninstall', '--force'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(ORIGINAL);
  });

  test('--scope user works on ~/.claude/settings.json', async () => {
    const p = setup('{}');
    const userSettings = path.join(p.env.HOME!, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(userSettings));
    const text = '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo done"}]}]}}';
    fs.writeFileSync(userSettings, text);
    expect((await runBin(['install', '--scope', 'user'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(p.env.HOME!, '.claude', 'hook-executor.json'), 'utf8')).hooks.Stop[0].hooks[0].id).toBe('echo');
    expect((await runBin(['uninstall', '--scope', 'user'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.readFileSync(userSettings, 'utf8')).toBe(text);
  });
});

describe('check and list', () => {
  test('check prints waves and the critical path; rejects cycles naming the ids', async () => {
    const p = setup('{}');
    const h = (id: string, after: string[] = [], timeout?: number) => ({ id, after, type: 'command', command: `echo ${id}`, ...(timeout ? { timeout } : {}) });
    fs.writeFileSync(
      p.executor,
      JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Edit', hooks: [h('format', [], 20), h('lint', ['format'], 30), h('types', [], 40)] }] } }),
    );
    const check = await runBin(['check'], { cwd: p.dir, env: p.env });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/PreToolUse: 3 hook\(s\) in 2 wave\(s\); critical path format → lint \(≤ 50 s by timeouts\)/);
    expect(check.stdout).toMatch(/wave 1 {2}format .*\n {10}types .*\n {2}wave 2 {2}lint .*after format/);
    fs.writeFileSync(p.executor, JSON.stringify({ hooks: { Stop: [{ hooks: [h('a', ['c']), h('b', ['a']), h('c', ['b'])] }] } }));
    expect(await runBin(['check'], { cwd: p.dir, env: p.env })).toMatchObject({ code: 1, stderr: expect.stringMatching(/dependency cycle: a → c → b → a/) });
  });

  test('list shows what would run for an event and target', async () => {
    const p = setup('{}');
    fs.writeFileSync(
      p.executor,
      JSON.stringify({
        hooks: {
          PreToolUse: [
            { matcher: 'Bash', hooks: [{ id: 'guard', type: 'command', command: 'g' }] },
            { matcher: 'Edit', hooks: [{ id: 'fmt', type: 'command', command: 'f' }] },
          ],
        },
      }),
    );
    const list = await runBin(['list', '--event', 'PreToolUse', '--target', 'Bash', '--json'], { cwd: p.dir, env: p.env });
    expect(JSON.parse(list.stdout).hooks.map((h: { id: string; status: string }) => `${h.id}:${h.status}`)).toEqual(['guard:runs', 'fmt:no match']);
  });
});

describe('unionMatchers', () => {
  test('exact lists stay exact; a regex makes the union a regex that still covers the exact names only', () => {
    expect(unionMatchers(['Bash', 'Edit|Write'])).toBe('Bash|Edit|Write');
    expect(unionMatchers(['Bash', undefined])).toBeUndefined();
    const u = unionMatchers(['Bash', 'mcp__.*'])!;
    expect(['Bash', 'mcp__a__b'].map((t) => matcherMatches(u, t))).toEqual([true, true]);
    expect(['BashOutput', 'Edit'].map((t) => matcherMatches(u, t))).toEqual([false, false]);
  });
});
