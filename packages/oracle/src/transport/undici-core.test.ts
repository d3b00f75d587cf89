import { createRequire } from 'node:module';
import { describe, expect, test } from '@jest/globals';
import { Agent } from 'undici';
import { loadUndiciCore } from './undici-core.js';

// undici-core loads two of undici's private files (no `exports` map guards them) to keep the index
// off every CLI start, and falls back to the index when they are gone. These tests fail when that
// fallback would be taken, so an undici upgrade that moves them is caught here, not in a benchmark.
const require = createRequire(import.meta.url);

describe('undici core', () => {
  test('Agent and request() come from the private lib/ files, not the fallback', async () => {
    const core = await loadUndiciCore();
    expect(core.source).toBe('lib');
    expect(core.Agent).toBe(Agent); // the very class undici's index exports
  });

  test('undici is pinned to the exact version installed (the private paths were checked against it)', () => {
    const pkg = require('../../package.json') as { dependencies: Record<string, string> };
    const installed = (require('undici/package.json') as { version: string }).version;
    expect(pkg.dependencies['undici']).toBe(installed);
  });
});
