// The built `offload` binary end to end against llm-sim over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { startSim, type SimServer } from '@fanout/llm-sim';
import { NEEDLE_QUESTION, writeCorpus } from './test-helpers/corpus.js';
import { runCli, startCli } from './test-helpers/cli.js';
import { withTempDir } from './test-helpers/tmp.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ latencyMs: { min: 1, max: 10 } });
});
afterAll(() => sim.close());

const connect = () => ['--base-url', sim.baseURL, '--model', 'sim-1'];

interface JsonResult {
  answer: string;
  findings: { claim: string; file: string; line_start: number; line_end: number; quote: string; verified: boolean }[];
  conflicts: unknown[];
  stats: Record<string, number>;
}

/** A one-line error: the tool's name, no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('offload CLI (built binary, real llm-sim)', () => {
  test('answers with sources on stdout and the report on stderr; --json has the documented shape', () =>
    withTempDir(async (dir) => {
      const needles = writeCorpus(dir, { files: 200, linesPerFile: 40, every: 40 });
      const text = await runCli([NEEDLE_QUESTION, 'src', '--no-cache', ...connect()], { cwd: dir });
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^5 findings answer this:\n/);
      expect(text.stdout).toContain(`Sources:\n  [1] ${needles[0]!.file}:${needles[0]!.line} — `);
      expect(text.stderr).toMatch(/^offload: read 200 files: \d+ chunks → \d+ reader calls \+ 1 reduce call\n/);
      expect(text.stderr).toMatch(/tokens read → [\d,]+ tokens of answer \(\d+× less: 9\d\.\d % of the context saved\)/);

      const json = await runCli([NEEDLE_QUESTION, 'src', '--json', '--no-cache', ...connect()], { cwd: dir });
      expect(json.code).toBe(0);
      const result = JSON.parse(json.stdout) as JsonResult;
      expect(Object.keys(result)).toEqual(expect.arrayContaining(['answer', 'findings', 'conflicts', 'stats']));
      for (const key of ['files', 'files_skipped', 'chunks', 'calls', 'cache_hits', 'tokens_read', 'tokens_answer', 'unverified_dropped', 'wall_ms']) {
        expect(typeof result.stats[key]).toBe('number');
      }
      expect(result.findings.map((f) => `${f.file}:${f.line_start}`)).toEqual(needles.map((n) => `${n.file}:${n.line}`));
      expect(result.findings.every((f) => f.verified && f.quote !== '' && f.claim !== '')).toBe(true);
    }));

  test('--dry-run lists files with tokens, calls and cost, and sends nothing', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 30, linesPerFile: 20, every: 10 });
      writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
      const before = sim.stats().requests;
      const run = await runCli(['--dry-run', 'q?', 'src', 'logo.png', ...connect(), '--price', '0.15,0.6'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^tokens {2}file\n +\d+ {2}src\/mod0\/file0\.ts\n/);
      expect(run.stdout).toContain('  skip  logo.png (binary)');
      expect(run.stdout).toMatch(/\n30 files, [\d,]+ tokens → \d+ chunks? → \d+ calls/);
      expect(run.stdout).toMatch(/\nestimated: [\d,]+ prompt tokens, [\d,]+ completion tokens \(readers' answers at 300 tokens, --expect-output-tokens\), /);
      expect(run.stdout).toMatch(/, \$0\.\d+ \(model sim-1\)\n/);
      expect(run.stdout).toContain('\nprompt tokens counted: sim-1 chars/4 approximation\n');
      expect(run.stdout).toMatch(/\nat most: [\d,]+ completion tokens \(every answer at its limit\), ≤ \$0\.\d+\n$/);
      expect(sim.stats().requests).toBe(before);
    }));

  test('stdin is the corpus when no paths are given', async () => {
    const diff = ['diff --git a/x.ts b/x.ts', '+const ZEPHYR_QUOKKA_THRESHOLD = 9; // zephyr quokka threshold', '-const OLD = 1;'].join('\n');
    const run = await runCli([NEEDLE_QUESTION, '--json', '--no-cache', ...connect()], { input: diff });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as JsonResult;
    expect(result.findings.map((f) => [f.file, f.line_start, f.verified])).toEqual([['<stdin>', 2, true]]);
  });

  describe('bad input: one line each, the right exit code', () => {
    test('an empty question, a path that does not exist, a path through a file, a glob matching nothing', () =>
      withTempDir(async (dir) => {
        writeFileSync(path.join(dir, 'a.txt'), 'text\n');
        const cases: [string[], RegExp][] = [
          [['', 'a.txt'], /^offload: no question: pass it as the first argument/],
          [['q', 'missing/dir'], /^offload: missing\/dir: no such file or directory$/],
          [['q', 'a.txt/inside'], /^offload: a\.txt\/inside: cannot read it \(ENOTDIR\)$/],
          [['q', 'lib/**/*.rs'], /^offload: lib\/\*\*\/\*\.rs: the glob matches no files$/],
          [['q'], /^offload: nothing to read: give paths/],
        ];
        for (const [args, message] of cases) {
          const run = await runCli([...args, '--no-cache', ...connect()], { cwd: dir });
          expect({ args, code: run.code, line: oneLine(run.stderr), stdout: run.stdout }).toEqual({
            args,
            code: 2,
            line: expect.stringMatching(message),
            stdout: '',
          });
        }
      }));

    test('a binary file and a 100 MB file are skipped with the reason; alone they leave nothing to read', () =>
      withTempDir(async (dir) => {
        writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([1, 2, 0, 3]));
        const big = openSync(path.join(dir, 'huge.log'), 'w');
        ftruncateSync(big, 100 * 1024 * 1024); // sparse: instant, takes no disk
        closeSync(big);
        writeFileSync(path.join(dir, 'ok.ts'), 'export const zephyr_quokka_threshold = 1;\n');
        const alone = await runCli(['q', 'blob.bin', 'huge.log', ...connect()], { cwd: dir });
        expect(alone.code).toBe(2);
        expect(oneLine(alone.stderr)).toBe('offload: nothing to read (blob.bin: binary; huge.log: too large (100 MB > 1 MB, --max-file-kb))');
        const mixed = await runCli([NEEDLE_QUESTION, 'blob.bin', 'huge.log', 'ok.ts', '--no-cache', ...connect()], { cwd: dir });
        expect(mixed.code).toBe(0);
        expect(mixed.stderr).toContain('offload: skipped blob.bin: binary; huge.log: too large (100 MB > 1 MB, --max-file-kb)\n');
        expect(mixed.stdout).toContain('[1] ok.ts:1');
      }));

    test('flag mistakes are usage errors (exit 2)', async () => {
      const cases: [string[], RegExp][] = [
        [['q', '.', '--chunk-tokens', '5'], /--chunk-tokens must be an integer ≥ 100, got 5/],
        [['q', '.', '--price', 'cheap'], /--price must be IN,OUT/],
        [['q', '.', '--sim-fabricate-rate', '0.2'], /--sim-fabricate-rate needs --provider sim/],
        [['q', '.', '--bogus'], /Unknown argument/],
      ];
      for (const [args, message] of cases) {
        const run = await runCli(args);
        expect({ args, code: run.code, line: oneLine(run.stderr) }).toEqual({ args, code: 2, line: expect.stringMatching(message) });
      }
    });
  });

  test('the API key never reaches stdout, stderr or the cache', () =>
    withTempDir(async (dir) => {
      const key = 'sk-offload-secret-7f3a9c';
      const guarded = await startSim({ apiKey: key });
      try {
        writeCorpus(dir, { files: 20, linesPerFile: 20, every: 5 });
        const cache = path.join(dir, 'cache');
        const run = await runCli([NEEDLE_QUESTION, 'src', '--json', '--cache-dir', cache, '--base-url', guarded.baseURL, '--model', 'sim-1'], {
          cwd: dir,
          env: { OPENAI_API_KEY: key },
        });
        expect(run.code).toBe(0);
        expect((JSON.parse(run.stdout) as JsonResult).findings).toHaveLength(4);
        const stored = readdirSync(cache)
          .map((f) => readFileSync(path.join(cache, f), 'utf8'))
          .join('\n');
        expect(stored).toContain('ZEPHYR_QUOKKA_THRESHOLD');
        for (const text of [run.stdout, run.stderr, stored]) expect(text).not.toContain(key);
        const wrong = await runCli([NEEDLE_QUESTION, 'src', '--no-cache', '--base-url', guarded.baseURL, '--model', 'sim-1'], {
          cwd: dir,
          env: { OPENAI_API_KEY: `${key}-wrong` },
        });
        expect(wrong.code).toBe(2);
        expect(oneLine(wrong.stderr)).not.toContain(key);
      } finally {
        await guarded.close();
      }
    }));

  test('chunks that keep failing are left out, counted and exit 1; the rest still answer', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 60, linesPerFile: 20, every: 3 });
      // The readers of two files always get a 500; everything else answers.
      const flaky = await startSim({ rules: [{ match: { user: 'path="src/mod0/file(3|9)\\.ts"' }, status: 500, reply: 'down' }] });
      try {
        const run = await runCli(
          [NEEDLE_QUESTION, 'src', '--json', '--no-cache', '--retries', '1', '--chunk-tokens', '300', '--base-url', flaky.baseURL, '--model', 'sim-1'],
          { cwd: dir },
        );
        expect(run.code).toBe(1);
        const result = JSON.parse(run.stdout) as JsonResult;
        expect(result.stats.failed_chunks).toBe(2);
        expect(run.stderr).toContain('offload: warning: 2 of 60 chunks could not be read; the answer leaves them out');
        expect(result.findings.map((f) => f.file)).not.toContain('src/mod0/file3.ts');
        expect(result.findings).toHaveLength(18); // 20 needles, two of them in the files that failed
      } finally {
        await flaky.close();
      }
    }));

  test('Ctrl-C exits 130 keeping what was read; the same command then finishes from the cache', () =>
    withTempDir(async (dir) => {
      writeCorpus(dir, { files: 100, linesPerFile: 20, every: 10 });
      const slow = await startSim({ latencyMs: 100 });
      try {
        const cache = path.join(dir, 'cache');
        const args = [
          NEEDLE_QUESTION,
          'src',
          '--json',
          '--cache-dir',
          cache,
          '--chunk-tokens',
          '300',
          '-c',
          '4',
          '--base-url',
          slow.baseURL,
          '--model',
          'sim-1',
        ];
        const { child, done } = startCli(args, { cwd: dir });
        // Interrupt once some readers have answered (and been cached) but not all.
        let exited = false;
        void done.then(() => (exited = true));
        while (slow.stats().completed < 8 && !exited) await new Promise((r) => setTimeout(r, 20));
        child.kill('SIGINT');
        const stopped = await done;
        expect(stopped.code).toBe(130);
        expect(stopped.stderr).toContain('offload: interrupted; what the readers returned is cached');
        const finished = await runCli(args, { cwd: dir });
        expect(finished.code).toBe(0);
        const result = JSON.parse(finished.stdout) as JsonResult;
        expect(result.stats.cache_hits).toBeGreaterThanOrEqual(8);
        expect(result.stats.cache_hits).toBeLessThan(100);
        expect(result.findings).toHaveLength(10);
      } finally {
        await slow.close();
      }
    }));
});

