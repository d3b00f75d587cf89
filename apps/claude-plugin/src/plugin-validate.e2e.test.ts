// `claude plugin validate` (the pinned 2.1.197) on this plugin. Found here: given the plugin
// directory it validates only the marketplace manifest when .claude-plugin/marketplace.json exists,
// so the plugin manifest is validated by its own path, which also checks hooks/hooks.json and
// every command file (the broken copies below prove those checks happen).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PLUGIN_ROOT } from './plugin-root.js';
import { claudeCli } from './test-helpers/claude-cli.js';
import { copyPlugin } from './test-helpers/plugin-copy.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-validate-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

async function brokenCopy(file: string, content: string): Promise<string> {
  const dir = await copyPlugin(path.join(home, `copy-${Math.random().toString(36).slice(2)}`));
  await writeFile(path.join(dir, file), content);
  return dir;
}

describe('claude plugin validate', () => {
  test('the plugin manifest, hooks and commands pass, also with --strict', async () => {
    for (const args of [[], ['--strict']]) {
      const result = await claudeCli(['plugin', 'validate', ...args, path.join(PLUGIN_ROOT, '.claude-plugin', 'plugin.json')], home);
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain(`Validating plugin manifest: ${path.join(PLUGIN_ROOT, '.claude-plugin', 'plugin.json')}`);
      expect(result.stdout).toContain('✔ Validation passed');
      expect(result.stdout).not.toMatch(/warning|error/i);
    }
  });

  test('the plugin directory (its marketplace manifest) passes, also with --strict', async () => {
    for (const args of [[], ['--strict']]) {
      const result = await claudeCli(['plugin', 'validate', ...args, PLUGIN_ROOT], home);
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('Validating marketplace manifest');
      expect(result.stdout).toContain('✔ Validation passed');
    }
  });

  test('it does check the hooks and the commands: broken copies fail', async () => {
    const badHooks = await brokenCopy('hooks/hooks.json', JSON.stringify({ hooks: { PreToolUse: [{ hooks: [{ type: 'bogus' }] }] } }));
    const hooksResult = await claudeCli(['plugin', 'validate', path.join(badHooks, '.claude-plugin', 'plugin.json')], home);
    expect(hooksResult.code).toBe(1);
    expect(hooksResult.stdout).toContain('hooks.PreToolUse.0.hooks.0.type');

    const badCommand = await brokenCopy('commands/oracle.md', '---\ndescription: [unclosed\n---\nbody\n');
    const commandResult = await claudeCli(['plugin', 'validate', path.join(badCommand, '.claude-plugin', 'plugin.json')], home);
    expect(commandResult.code).toBe(1);
    expect(commandResult.stdout).toContain('YAML frontmatter failed to parse');
  });
});
