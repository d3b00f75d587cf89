// `changeset version` bumps package.json; Claude Code shows (and caches installs under) the
// manifest's version: the two must not drift apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@jest/globals';
import { PLUGIN_ROOT } from './plugin-root.js';

const versionOf = (file: string) => (JSON.parse(readFileSync(path.join(PLUGIN_ROOT, file), 'utf8')) as { version: string }).version;

test('the plugin manifest declares the package version', () => {
  expect(versionOf('.claude-plugin/plugin.json')).toBe(versionOf('package.json'));
});
