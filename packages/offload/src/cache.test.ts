import { describe, expect, test } from '@jest/globals';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openCache } from './cache.js';
import { withTempDir } from './test-helpers/tmp.js';

const report = (n: number) => ({ findings: [{ claim: `c${n}`, file: 'a.ts', line_start: n, line_end: n, quote: `q${n}` }], confidence: 0.5 });
const noWarning = (w: string) => {
  throw new Error(w);
};

describe('map cache', () => {
  test('entries survive a reopen; a torn last line is skipped; another question or model has its own file', () =>
    withTempDir(async (dir) => {
      const cache = await openCache(dir, 'q', 'm', noWarning);
      cache.put('k1', report(1));
      cache.put('k2', report(2));
      await cache.close(['k1', 'k2']);
      const [file] = readdirSync(dir);
      appendFileSync(path.join(dir, file!), '{"k":"k3","f":[{"cla');
      const again = await openCache(dir, 'q', 'm', noWarning);
      expect([again.get('k1'), again.get('k2'), again.get('k3')]).toEqual([report(1), report(2), undefined]);
      await again.close();
      expect((await openCache(dir, 'q', 'other-model', noWarning)).get('k1')).toBeUndefined();
      expect((await openCache(dir, 'other question', 'm', noWarning)).get('k1')).toBeUndefined();
    }));

  test('stale lines are compacted away once they outnumber the live ones; without live keys nothing is dropped', () =>
    withTempDir(async (dir) => {
      const cache = await openCache(dir, 'q', 'm', noWarning);
      for (let i = 0; i < 100; i++) cache.put(`k${i}`, report(i));
      await cache.close();
      const file = path.join(dir, readdirSync(dir)[0]!);
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(100);
      const next = await openCache(dir, 'q', 'm', noWarning);
      await next.close(['k7', 'k8']);
      expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { k: string }).k)).toEqual(['k7', 'k8']);
    }));

  test('a cache directory that cannot be made is a warning, and the run reads without it', () =>
    withTempDir(async (dir) => {
      const blocker = path.join(dir, 'file');
      appendFileSync(blocker, 'x');
      const warnings: string[] = [];
      const cache = await openCache(path.join(blocker, 'cache'), 'q', 'm', (w) => warnings.push(w));
      cache.put('k', report(1));
      expect(warnings).toEqual([expect.stringMatching(/cannot be used \((ENOTDIR|EEXIST)\); reading without it$/)]);
    }));
});
