// bin/fanout.mjs run for real: in-process mode (what hooks use) and --line mode (slash commands).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pluginPath } from './plugin-root.js';
import { spawnText } from './test-helpers/spawn-text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-launcher-'));
  await writeFile(
    path.join(dir, 'rules.json'),
    JSON.stringify([
      { match: { user: "/^what's up\\?$/" }, reply: 'EXACT-QUESTION' },
      { match: {}, reply: 'OTHER-QUESTION' },
    ]),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const launcher = pluginPath('bin', 'fanout.mjs');
const run = (args: string[], input = '') =>
  spawnText(process.execPath, [launcher, ...args], { input, cwd: dir, env: { ...process.env, HOME: dir, HOOK_MONITOR_DIR: path.join(dir, 'monitor') } });

describe('fanout.mjs <tool> (in-process)', () => {
  test('runs the tool with its own argv and keeps its exit code', async () => {
    const version = await run(['hook-executor', '--version']);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = await run(['oracle', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^oracle: Unknown argument/);
  });

  test('stdin reaches the tool (a hook input)', async () => {
    await writeFile(
      path.join(dir, 'executor.json'),
      JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'grep -o STDIN-SEEN' }] }] } }),
    );
    const result = await run(['hook-executor', 'run', '--event', 'UserPromptSubmit', '--config', path.join(dir, 'executor.json')], '{"prompt":"STDIN-SEEN"}');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('STDIN-SEEN');
  });

  test('an unknown tool: one line, exit 1 (non-blocking for a hook)', async () => {
    expect(await run(['nope'])).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^fanout plugin: unknown tool "nope" \(usage: .*\)\n$/) });
  });
});

describe('fanout.mjs --line <tool> (slash commands)', () => {
  test('the argument line on stdin becomes argv; the tool gets no stdin as context', async () => {
    const result = await run(['--line', 'oracle', '--provider', 'sim', '--sim-rules', 'rules.json'], "--json what's up?\n");
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ results: [{ content: 'EXACT-QUESTION' }] });
  });

  test('a failing tool: its error and exit code go to stdout, and the launcher exits 0', async () => {
    const result = await run(['--line', 'oracle'], '--bogus\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[oracle exited with code 2]');
    expect(result.stderr).toMatch(/oracle: Unknown argument/);
  });
});
