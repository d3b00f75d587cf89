// Finding the tools: FANOUT_HOME, the checkout around the plugin (directly or through the
// marketplace record of an installed copy), PATH; with real files in temp dirs.
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { resolveTool } from '../bin/lib/resolve-tool.mjs';
import { marketplaceSourceDir } from '../bin/lib/marketplace-source.mjs';
import { PLUGIN_ROOT } from './plugin-root.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'fanout-plugin-resolve-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeCheckout(dir: string, { built = true } = {}): Promise<string> {
  await mkdir(path.join(dir, 'packages/oracle/bin'), { recursive: true });
  await writeFile(path.join(dir, 'packages/oracle/bin/oracle.js'), '#!/usr/bin/env node\n');
  if (built) {
    await mkdir(path.join(dir, 'packages/oracle/dist'), { recursive: true });
    await writeFile(path.join(dir, 'packages/oracle/dist/cli.js'), '');
  }
  return dir;
}

const nowhere = () => path.join(root, 'nowhere');
const REAL_CHECKOUT = path.resolve(PLUGIN_ROOT, '../..');

describe('resolveTool', () => {
  test('in this checkout: packages/<tool>/bin/<tool>.js next to the plugin', () => {
    expect(resolveTool('hook-executor', { env: { PATH: '' } })).toEqual({
      tool: 'hook-executor',
      script: path.join(REAL_CHECKOUT, 'packages/hook-executor/bin/hook-executor.js'),
      viaNode: true,
      from: 'checkout',
    });
  });

  test('FANOUT_HOME comes first', async () => {
    const home = await fakeCheckout(path.join(root, 'home-first'));
    expect(resolveTool('oracle', { env: { FANOUT_HOME: home, PATH: '' } })).toMatchObject({
      script: path.join(home, 'packages/oracle/bin/oracle.js'),
      from: 'FANOUT_HOME',
    });
  });

  test('a checkout whose package is not built is an error that says how to build it', async () => {
    const home = await fakeCheckout(path.join(root, 'unbuilt'), { built: false });
    expect(() => resolveTool('oracle', { env: { FANOUT_HOME: home, PATH: '' } })).toThrow(
      expect.objectContaining({ code: 'NOT_BUILT', message: expect.stringContaining('pnpm install && pnpm build') }),
    );
  });

  test('an installed copy in the plugin cache finds the checkout through known_marketplaces.json', async () => {
    const checkout = await fakeCheckout(path.join(root, 'market-checkout'));
    const plugins = path.join(root, 'home/.claude/plugins');
    const copy = path.join(plugins, 'cache/fanout/fanout/0.1.0');
    await mkdir(copy, { recursive: true });
    const source = path.join(checkout, 'apps/claude-plugin');
    await writeFile(path.join(plugins, 'known_marketplaces.json'), JSON.stringify({ fanout: { source: { source: 'directory', path: source } } }));
    expect(marketplaceSourceDir(copy)).toBe(source);
    expect(resolveTool('oracle', { pluginRoot: copy, env: { PATH: '' } })).toMatchObject({
      script: path.join(checkout, 'packages/oracle/bin/oracle.js'),
      from: 'checkout',
    });
    // Another marketplace's copy, a github source, or a path not in the cache: no answer.
    expect(marketplaceSourceDir(path.join(plugins, 'cache/other/fanout/0.1.0'))).toBeUndefined();
    expect(marketplaceSourceDir(path.join(root, 'plugin'))).toBeUndefined();
  });

  test('PATH: a symlinked JS entry (npm -g) runs in-process; another executable is spawned', async () => {
    const bin = path.join(root, 'prefix/bin');
    const lib = path.join(root, 'prefix/lib/node_modules/@fanout/swarm/bin');
    await mkdir(bin, { recursive: true });
    await mkdir(lib, { recursive: true });
    await writeFile(path.join(lib, 'swarm.js'), '#!/usr/bin/env node\n');
    await chmod(path.join(lib, 'swarm.js'), 0o755);
    await symlink(path.join(lib, 'swarm.js'), path.join(bin, 'swarm'));
    await writeFile(path.join(bin, 'council'), '#!/bin/sh\necho native\n');
    await chmod(path.join(bin, 'council'), 0o755);
    const env = { PATH: `${nowhere()}:${bin}` };
    const pluginRoot = path.join(root, 'lonely/plugin');
    expect(resolveTool('swarm', { env, pluginRoot })).toEqual({ tool: 'swarm', script: path.join(lib, 'swarm.js'), viaNode: true, from: 'PATH' });
    expect(resolveTool('council', { env, pluginRoot })).toEqual({ tool: 'council', script: path.join(bin, 'council'), viaNode: false, from: 'PATH' });
  });

  test('nothing found: one line naming every place tried', () => {
    const pluginRoot = path.join(root, 'lonely/plugin');
    expect(() => resolveTool('hook-monitor', { env: { FANOUT_HOME: nowhere(), PATH: nowhere() }, pluginRoot })).toThrow(
      expect.objectContaining({
        code: 'TOOL_NOT_FOUND',
        message: expect.stringMatching(
          new RegExp(
            '^cannot find hook-monitor: \\$FANOUT_HOME \\(.*\\) has no packages/hook-monitor; ' +
              'no fanout checkout around the plugin \\(.*\\); no `hook-monitor` on PATH\\. Set FANOUT_HOME',
          ),
        ),
      }),
    );
  });
});
