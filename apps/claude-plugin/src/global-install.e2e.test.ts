// The plugin away from a checkout (e.g. copied elsewhere): the launcher falls back to the tools
// on PATH, as a global npm install provides them; with none anywhere, the hooks fail non-blocking.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { receivedText } from '@fanout/claude-e2e';
import { copyPlugin, fakeGlobalPrefix } from './test-helpers/plugin-copy.js';
import { hookResponses, runWithPlugin } from './test-helpers/plugin-run.js';

let root: string;
let pluginDir: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-global-'));
  pluginDir = await copyPlugin(path.join(root, 'plugin'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const files = {
  '.claude/hook-executor.json': JSON.stringify({
    hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo GLOBAL-EXECUTOR-CONTEXT' }] }] },
  }),
};
const basePath = [...new Set([path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(':');

describe('plugin outside a checkout', () => {
  test('uses hook-executor and oracle from PATH', async () => {
    const bin = await fakeGlobalPrefix(path.join(root, 'prefix'), ['hook-executor', 'oracle']);
    const run = await runWithPlugin({
      pluginDir,
      prompt: '/fanout:oracle --provider sim --sim-rules rules.json global?',
      files: { ...files, 'rules.json': JSON.stringify([{ match: {}, reply: 'GLOBAL-ORACLE-ANSWER' }]) },
      env: { PATH: `${bin}:${basePath}` },
      turns: [{ text: 'ok' }],
    });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'ok' });
    const text = receivedText(run.requests);
    expect(text).toContain('UserPromptSubmit hook success: GLOBAL-EXECUTOR-CONTEXT');
    expect(text).toContain('GLOBAL-ORACLE-ANSWER');
  });

  test('with no tool anywhere the hook fails with one line, non-blocking: the prompt still reaches the model', async () => {
    const run = await runWithPlugin({ pluginDir, prompt: 'hello', files, outputFormat: 'stream-json', turns: [{ text: 'still answered' }] });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'still answered', num_turns: 1 });
    const failed = hookResponses(run, 'UserPromptSubmit').filter((e) => e.exit_code !== 0);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ exit_code: 1, stdout: '' });
    expect(String(failed[0]!.stderr)).toMatch(/^fanout plugin: cannot find hook-executor: .*no `hook-executor` on PATH\. Set FANOUT_HOME/);
    expect(String(failed[0]!.stderr).trim().split('\n')).toHaveLength(1);
  });
});
