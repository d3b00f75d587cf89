// The library end to end against llm-sim's reader over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { offload } from './offload.js';
import { NEEDLE_QUESTION, writeCorpus } from './test-helpers/corpus.js';
import { withTempDir } from './test-helpers/tmp.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ latencyMs: { min: 1, max: 10 } });
});
afterAll(() => sim.close());

const connect = () => ({ provider: 'sim', baseUrl: sim.baseURL, model: 'sim-1' });

describe('offload (library, real llm-sim)', () => {
  test('finds every planted needle at its exact file:line, verified, in a corpus of hundreds of files', () =>
    withTempDir(async (dir) => {
      const needles = writeCorpus(dir, { files: 300, linesPerFile: 60, every: 25 });
      const result = await offload({ ...connect(), question: NEEDLE_QUESTION, paths: ['src'], cwd: dir, cacheDir: false, chunkTokens: 2000 });
      expect(result.stats).toMatchObject({ files: 300, files_skipped: 0, failed_chunks: 0, unverified_dropped: 0 });
      const found = result.findings.map((f) => [f.file, f.line_start, f.line_end, f.quote, f.verified]);
      expect(found).toEqual(needles.map((n) => [n.file, n.line, n.line, n.text, true]));
      expect(result.stats.map_calls).toBe(result.stats.chunks);
      expect(result.stats.chunks).toBeLessThan(300);
      expect(result.stats.tokens_read).toBeGreaterThan(50 * result.stats.tokens_answer);
      expect(result.answer).toMatch(/\[1\]/);
    }));

  test('with fabrication on, made-up quotes are dropped and counted, and none reaches the answer', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 200, linesPerFile: 40, every: 4 });
      const fab = await startSim({ fabricateRate: 0.3 });
      try {
        const result = await offload({
          provider: 'sim',
          baseUrl: fab.baseURL,
          question: NEEDLE_QUESTION,
          paths: ['src'],
          cwd: dir,
          cacheDir: false,
          chunkTokens: 600,
          budget: 4000,
        });
        expect(result.stats.unverified_dropped).toBeGreaterThan(5);
        expect(result.findings.every((f) => f.verified)).toBe(true);
        // The sim fabricates by changing the numbers of a quote: no answer line may cite a value the file does not hold.
        for (const m of result.answer.matchAll(/ZEPHYR_QUOKKA_THRESHOLD_(\d+) = (\d+)/g)) expect(Number(m[2])).toBe(100 + Number(m[1]));
        expect(result.answer.match(/ZEPHYR_QUOKKA_THRESHOLD_/g)?.length).toBeGreaterThan(5);
        const kept = await offload({
          provider: 'sim',
          baseUrl: fab.baseURL,
          question: NEEDLE_QUESTION,
          paths: ['src'],
          cwd: dir,
          cacheDir: false,
          chunkTokens: 600,
          keepUnverified: true,
        });
        expect(kept.stats.unverified_dropped).toBe(0);
        expect(kept.findings.filter((f) => !f.verified)).toHaveLength(result.stats.unverified_dropped);
      } finally {
        await fab.close();
      }
    }));

  test('the cache: a rerun reads nothing; after editing one file only that file is read again', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 120, linesPerFile: 30, every: 10 });
      const cacheDir = path.join(dir, 'cache');
      const run = () => offload({ ...connect(), question: NEEDLE_QUESTION, paths: ['src'], cwd: dir, cacheDir, chunkTokens: 1500 });
      const first = await run();
      expect(first.stats.cache_hits).toBe(0);
      const second = await run();
      expect(second.stats).toMatchObject({ map_calls: 0, chunks: 0, cache_hits: 120 });
      expect(second.findings).toEqual(first.findings);
      const before = sim.stats().requests;
      writeFileSync(path.join(dir, 'src/mod1/file57.ts'), 'export const ZEPHYR_QUOKKA_THRESHOLD_NEW = 5; // zephyr quokka threshold\n');
      const third = await run();
      expect(third.stats).toMatchObject({ map_calls: 1, chunks: 1, cache_hits: 119 });
      expect(sim.stats().requests - before).toBe(2); // that one reader and the reduce
      expect(third.findings.map((f) => f.file)).toContain('src/mod1/file57.ts');
    }));

  test('findings too many for one reduce call are reduced level by level; the answer cites only real findings', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 120, linesPerFile: 12, every: 2 });
      const result = await offload({ ...connect(), question: NEEDLE_QUESTION, paths: ['src'], cwd: dir, cacheDir: false, chunkTokens: 300, budget: 150 });
      expect(result.findings).toHaveLength(60);
      expect(result.stats.reduce_calls).toBeGreaterThan(2);
      const cited = [...result.answer.matchAll(/\[(\d+(?:, \d+)*)\]/g)].flatMap((m) => m[1]!.split(', ').map(Number));
      expect(cited.length).toBeGreaterThan(0);
      expect(cited.every((n) => n >= 1 && n <= 60)).toBe(true);
      expect(result.answer).not.toMatch(/\[[FS]\d+/);
    }));

  test('findings that disagree are shown as a conflict, resolved to the more confident one', () =>
    withTempDir(async (dir) => {
      const pad = Array.from({ length: 6 }, (_, i) => `// padding line ${i} of this file, so that each file fills a chunk`).join('\n');
      writeFileSync(path.join(dir, 'a-five.ts'), `${pad}\nconst RETRY_LIMIT = 5; // zephyr quokka\n`);
      writeFileSync(path.join(dir, 'b-three.ts'), `${pad}\n// the zephyr quokka threshold is the retry limit\n\nconst RETRY_LIMIT = 3; // zephyr quokka\n`);
      const result = await offload({
        ...connect(),
        question: NEEDLE_QUESTION,
        paths: ['a-five.ts', 'b-three.ts'],
        cwd: dir,
        cacheDir: false,
        chunkTokens: 150,
      });
      expect(result.stats.map_calls).toBe(2);
      expect(result.findings.map((f) => [f.file, f.line_start, f.confidence])).toEqual([
        ['a-five.ts', 7, 0.67],
        ['b-three.ts', 7, 1],
        ['b-three.ts', 9, 1],
      ]);
      expect(result.conflicts).toEqual([{ issue: expect.stringContaining('different values'), findings: [1, 3], chosen: 3 }]);
    }));

  test('a quote counts only within what its reader was shown: verbatim in another file is not enough', () =>
    withTempDir(async (dir) => {
      const pad = Array.from({ length: 8 }, (_, i) => `// padding line ${i} of this file, so that each file fills a chunk`).join('\n');
      writeFileSync(path.join(dir, 'a.ts'), `${pad}\nconst ALPHA = 1;\n`);
      writeFileSync(path.join(dir, 'b.ts'), `const BETA = 2;\n${pad}\n`);
      // The reader of a.ts's chunk cites b.ts, which it never saw, quoting it exactly.
      const claim = { claim: 'BETA is 2', file: 'b.ts', line_start: 1, line_end: 1, quote: 'const BETA = 2;' };
      const scripted = await startSim({
        rules: [{ match: { system: 'offload:map', user: 'file path="a\\.ts"' }, reply: { relevant: true, findings: [claim], confidence: 0.9 } }],
      });
      try {
        const options = { provider: 'sim', baseUrl: scripted.baseURL, question: 'Where is the zeta quux set?', paths: ['a.ts', 'b.ts'], cwd: dir };
        const run = (keepUnverified: boolean) => offload({ ...options, cacheDir: false, chunkTokens: 150, keepUnverified });
        const strict = await run(false);
        expect(strict.stats).toMatchObject({ map_calls: 2, unverified_dropped: 1 });
        expect(strict.findings).toEqual([]);
        const kept = await run(true);
        expect(kept.findings.map((f) => [f.file, f.line_start, f.verified])).toEqual([['b.ts', 1, false]]);
      } finally {
        await scripted.close();
      }
    }));
});
