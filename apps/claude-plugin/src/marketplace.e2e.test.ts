// The marketplace route from a checkout, in a temp HOME: `claude plugin marketplace add
// <checkout>/apps/claude-plugin`, `claude plugin install fanout@fanout`. Claude Code copies the
// plugin into ~/.claude/plugins/cache/…, so this also proves the launcher finds the checkout's
// binaries from that copy (through the marketplace record), not only with --plugin-dir.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { receivedText, runClaude } from '@fanout/claude-e2e';
import { PLUGIN_ROOT } from './plugin-root.js';
import { claudeCli } from './test-helpers/claude-cli.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-market-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('claude plugin marketplace add + install from the checkout', () => {
  test('installs, is listed as enabled, and its hooks and commands work from the installed copy', async () => {
    const add = await claudeCli(['plugin', 'marketplace', 'add', PLUGIN_ROOT], home);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Successfully added marketplace: fanout');
    const install = await claudeCli(['plugin', 'install', 'fanout@fanout'], home);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('Successfully installed plugin: fanout@fanout');
    const list = await claudeCli(['plugin', 'list'], home);
    // The version the manifest declares (it follows the package's through `changeset version`).
    const { version } = JSON.parse(await readFile(path.join(PLUGIN_ROOT, '.claude-plugin', 'plugin.json'), 'utf8')) as { version: string };
    expect(list.stdout).toMatch(new RegExp(`fanout@fanout[\\s\\S]*Version: ${version.replaceAll('.', '\\.')}[\\s\\S]*enabled`));

    const installed = JSON.parse(await readFile(path.join(home, '.claude/plugins/installed_plugins.json'), 'utf8')) as {
      plugins: Record<string, { installPath: string }[]>;
    };
    const installPath = installed.plugins['fanout@fanout']?.[0]?.installPath ?? '';
    expect(installPath.startsWith(path.join(home, '.claude/plugins/cache/'))).toBe(true);
    expect(existsSync(path.join(installPath, 'hooks/hooks.json'))).toBe(true);
    expect(existsSync(path.resolve(installPath, '../../packages'))).toBe(false); // not beside a checkout

    // The installed plugin is enabled in the user settings; the harness passes --setting-sources ""
    // (no settings files), so this run adds `--setting-sources user` (the last one counts).
    const run = await runClaude({
      prompt: '/fanout:oracle --provider sim --sim-rules rules.json is it installed?',
      settings: {},
      env: { HOME: home },
      extraArgs: ['--setting-sources', 'user'],
      files: {
        '.claude/hook-executor.json': JSON.stringify({
          hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo INSTALLED-EXECUTOR-CONTEXT' }] }] },
        }),
        'rules.json': JSON.stringify([{ match: {}, reply: 'INSTALLED-ORACLE-ANSWER' }]),
      },
      turns: [{ text: 'ok' }],
    });
    expect(run.result).toMatchObject({ subtype: 'success', is_error: false, result: 'ok' });
    const text = receivedText(run.requests);
    expect(text).toContain('UserPromptSubmit hook success: INSTALLED-EXECUTOR-CONTEXT');
    expect(text).toContain('INSTALLED-ORACLE-ANSWER');
  });
});
