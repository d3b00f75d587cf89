// bin/fanout-hook, the sh script every plugin hook runs: the switches, and when node is started at
// all. A fake `node` first on PATH records each start, then runs the real node.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { pluginPath } from './plugin-root.js';
import { spawnText } from './test-helpers/spawn-text.js';

let root: string;
let home: string;
let project: string;
let marker: string;
let fakeBin: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-hook-'));
  fakeBin = path.join(root, 'fake-bin');
  marker = path.join(root, 'node-started');
  await mkdir(fakeBin);
  await writeFile(path.join(fakeBin, 'node'), `#!/bin/sh\necho started >> "${marker}"\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  home = await mkdtemp(path.join(root, 'home-'));
  project = await mkdtemp(path.join(root, 'project-'));
  await mkdir(path.join(project, '.claude'));
  await mkdir(path.join(home, '.claude'));
  await rm(marker, { force: true });
});

const nodeStarts = async () => (existsSync(marker) ? (await readFile(marker, 'utf8')).trim().split('\n').length : 0);

function hook(args: string[], input: Record<string, unknown>, env: Record<string, string> = {}) {
  return spawnText('sh', [pluginPath('bin', 'fanout-hook'), ...args], {
    input: JSON.stringify({ session_id: 'sess-1', cwd: project, ...input }),
    cwd: project,
    env: { PATH: `${fakeBin}:/usr/bin:/bin`, HOME: home, CLAUDE_PROJECT_DIR: project, HOOK_MONITOR_DIR: path.join(root, 'monitor'), ...env },
  });
}

const contextHook = (text: string) => ({ UserPromptSubmit: [{ hooks: [{ type: 'command', command: `echo ${text}` }] }] });
const writeConfig = (file: string, body: Record<string, unknown>) => writeFile(file, JSON.stringify(body));
const quiet = { code: 0, stdout: '', stderr: '' };

describe('fanout-hook run --event E', () => {
  test('no executor config: exits 0 at once, silently, without starting node', async () => {
    expect(await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' })).toEqual(quiet);
    expect(await nodeStarts()).toBe(0);
  });

  test('a config without the event: no node; with it: hook-executor runs the hooks', async () => {
    await writeConfig(path.join(project, '.claude/hook-executor.json'), { hooks: contextHook('PROJECT-CONTEXT') });
    expect(await hook(['run', '--event', 'PreToolUse'], { tool_name: 'Read', tool_input: {} })).toEqual(quiet);
    expect(await nodeStarts()).toBe(0);
    expect(await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' })).toEqual({ code: 0, stdout: 'PROJECT-CONTEXT\n', stderr: '' });
    expect(await nodeStarts()).toBe(1);
  });

  test('the user file and the local file count too', async () => {
    await writeConfig(path.join(home, '.claude/hook-executor.json'), { hooks: contextHook('USER-CONTEXT') });
    expect((await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' })).stdout).toBe('USER-CONTEXT\n');
    await rm(path.join(home, '.claude/hook-executor.json'));
    await writeConfig(path.join(project, '.claude/hook-executor.local.json'), { hooks: contextHook('LOCAL-CONTEXT') });
    expect((await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' })).stdout).toBe('LOCAL-CONTEXT\n');
    expect(await nodeStarts()).toBe(2);
  });

  test('a failClosed config always reaches hook-executor, so its errors still block', async () => {
    await writeFile(path.join(project, '.claude/hook-executor.json'), '{ "failClosed": true, "hooks": { broken');
    const result = await hook(['run', '--event', 'PreToolUse'], { tool_name: 'Read', tool_input: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hook-executor: .*hook-executor\.json/);
    expect(await nodeStarts()).toBe(1);
  });

  test('an event `hook-executor install` registered in a settings file is left to that registration', async () => {
    await writeConfig(path.join(project, '.claude/hook-executor.json'), {
      hooks: { ...contextHook('PROJECT-CONTEXT'), Stop: [{ hooks: [{ type: 'command', command: 'echo stop-hook' }] }] },
    });
    const registered = (event: string, command: string) => ({
      [event]: [{ hooks: [{ type: 'command', command: `${command} run --event ${event}`, timeout: 30 }] }],
    });
    await writeConfig(path.join(project, '.claude/settings.json'), { hooks: registered('UserPromptSubmit', 'hook-executor') });
    await writeConfig(path.join(home, '.claude/settings.json'), {
      hooks: registered('Stop', "node '/opt/fanout/packages/hook-executor/bin/hook-executor.js'"),
    });
    expect(await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' })).toEqual(quiet);
    expect(await hook(['run', '--event', 'Stop'], {})).toEqual(quiet);
    expect(await nodeStarts()).toBe(0);
    await writeConfig(path.join(project, '.claude/settings.json'), { hooks: registered('PreToolUse', 'hook-executor') });
    expect((await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' })).stdout).toBe('PROJECT-CONTEXT\n');
    expect(await nodeStarts()).toBe(1);
  });

  test('FANOUT_EXECUTOR=off: never runs', async () => {
    await writeConfig(path.join(project, '.claude/hook-executor.json'), { hooks: contextHook('PROJECT-CONTEXT') });
    expect(await hook(['run', '--event', 'UserPromptSubmit'], { prompt: 'x' }, { FANOUT_EXECUTOR: 'off' })).toEqual(quiet);
    expect(await nodeStarts()).toBe(0);
  });
});

describe('fanout-hook guard parallel-reminder', () => {
  const REMINDER = /^Reminder \(hook-executor parallel-reminder\): /;

  test('off by default (no node)', async () => {
    expect(await hook(['guard', 'parallel-reminder'], { prompt: 'x' })).toEqual(quiet);
    expect(await nodeStarts()).toBe(0);
  });

  test('FANOUT_PARALLEL_REMINDER=on: reminds once per 30 minutes per session', async () => {
    const env = { FANOUT_PARALLEL_REMINDER: 'on' };
    expect((await hook(['guard', 'parallel-reminder'], { prompt: 'x' }, env)).stdout).toMatch(REMINDER);
    expect(await hook(['guard', 'parallel-reminder'], { prompt: 'y' }, env)).toEqual(quiet);
    expect((await hook(['guard', 'parallel-reminder'], { prompt: 'y', session_id: 'sess-2' }, env)).stdout).toMatch(REMINDER);
  });

  test('FANOUT_PARALLEL_REMINDER_EVERY=0: on every prompt', async () => {
    const env = { FANOUT_PARALLEL_REMINDER: '1', FANOUT_PARALLEL_REMINDER_EVERY: '0' };
    for (let i = 0; i < 2; i++) expect((await hook(['guard', 'parallel-reminder'], { prompt: 'x' }, env)).stdout).toMatch(REMINDER);
  });
});

describe('fanout-hook guard sequential-agents', () => {
  // A transcript in which one subagent was launched alone and returned; t2 is launched next, alone.
  async function sequentialTranscript(): Promise<string> {
    const file = path.join(project, 'transcript.jsonl');
    const agent = (id: string, msg: string) => ({
      type: 'assistant',
      isSidechain: false,
      message: { id: msg, content: [{ type: 'tool_use', id, name: 'Agent', input: {} }] },
    });
    const lines = [
      { type: 'user', isSidechain: false, message: { content: [{ type: 'text', text: 'do two things' }] } },
      agent('t1', 'msg_1'),
      { type: 'user', isSidechain: false, message: { content: [{ type: 'tool_result', tool_use_id: 't1', content: 'done' }] } },
      agent('t2', 'msg_2'),
    ];
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return file;
  }
  const launch = async () => ({ tool_name: 'Agent', tool_use_id: 't2', tool_input: {}, transcript_path: await sequentialTranscript() });

  test('warns by default', async () => {
    const result = await hook(['guard', 'sequential-agents'], await launch());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        additionalContext: expect.stringMatching(/^\[hook-executor sequential-agents\] This is subagent launch number 2/),
      },
    });
  });

  test('FANOUT_SEQUENTIAL_AGENTS=block denies', async () => {
    const result = await hook(['guard', 'sequential-agents'], await launch(), { FANOUT_SEQUENTIAL_AGENTS: 'block' });
    expect(JSON.parse(result.stdout)).toMatchObject({
      hookSpecificOutput: { permissionDecision: 'deny', permissionDecisionReason: expect.stringContaining('Blocked:') },
    });
  });

  test('FANOUT_SEQUENTIAL_AGENTS=off: silent, no node', async () => {
    expect(await hook(['guard', 'sequential-agents'], await launch(), { FANOUT_SEQUENTIAL_AGENTS: 'off' })).toEqual(quiet);
    expect(await nodeStarts()).toBe(0);
  });
});
