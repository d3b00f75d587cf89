import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withTempDir } from '../test-helpers/tmp.js';
import { discover, expandPaths, readCorpus, type DiscoverOptions } from './discover.js';
import { mayBeInGitWorkTree } from './git-files.js';

function files(dir: string, contents: Record<string, string | Buffer>): void {
  for (const [name, body] of Object.entries(contents)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
  }
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
}

const options = (cwd: string, paths: string[], extra: Partial<DiscoverOptions> = {}): DiscoverOptions => ({
  paths,
  cwd,
  includeUntracked: false,
  maxFileBytes: 1024 * 1024,
  ...extra,
});

const names = async (o: DiscoverOptions) => (await discover(o)).files.map((f) => f.path);

describe('discover', () => {
  test('in a git work tree: tracked files only, untracked on request, ignored never (unless named)', () =>
    withTempDir(async (dir) => {
      files(dir, { '.gitignore': 'dist/\n*.log\n', 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', 'dist/out.js': 'x\n', 'debug.log': 'l\n' });
      symlinkSync(path.join(dir, 'gone'), path.join(dir, 'src/link'));
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, 'commit', '-qm', 'init');
      files(dir, { 'src/new.ts': 'n\n', 'src/skip.log': 'l\n' });
      const tracked = await discover(options(dir, ['.']));
      expect(tracked.files.map((f) => f.path)).toEqual(['.gitignore', 'src/a.ts', 'src/b.ts']);
      expect(tracked.skipped).toEqual([{ path: 'src/link', reason: 'unreadable (ENOENT)' }]);
      expect(await names(options(dir, ['.'], { includeUntracked: true }))).toEqual(['.gitignore', 'src/a.ts', 'src/b.ts', 'src/new.ts']);
      expect(await names(options(dir, ['src']))).toEqual(['src/a.ts', 'src/b.ts']);
      // Named explicitly, an ignored file or directory is read.
      expect(await names(options(dir, ['debug.log', 'dist']))).toEqual(['debug.log', 'dist/out.js']);
    }));

  test('outside git: every file, without .git or node_modules; globs the shell did not expand', () =>
    withTempDir(async (dir) => {
      files(dir, { 'lib/x/a.ts': 'a\n', 'lib/b.ts': 'b\n', 'lib/c.js': 'c\n', 'node_modules/m/i.js': 'm\n', 'top.ts': 't\n' });
      expect(await names(options(dir, ['.']))).toEqual(['lib/b.ts', 'lib/c.js', 'lib/x/a.ts', 'top.ts']);
      expect(await names(options(dir, ['lib/**/*.ts']))).toEqual(['lib/b.ts', 'lib/x/a.ts']);
      expect(await names(options(dir, ['./lib/*.{js,ts}', 'top.ts', 'lib/b.ts']))).toEqual(['lib/b.ts', 'lib/c.js', 'top.ts']);
      await expect(discover(options(dir, ['lib/**/*.rs']))).rejects.toMatchObject({ code: 'E_INPUT', message: 'lib/**/*.rs: the glob matches no files' });
      await expect(discover(options(dir, ['nope.ts']))).rejects.toMatchObject({ code: 'E_INPUT', message: 'nope.ts: no such file or directory' });
    }));

  test('binary, oversized and unreadable files are skipped with the reason; tokens are estimated per file', () =>
    withTempDir(async (dir) => {
      files(dir, { 'a.ts': 'x'.repeat(400), 'img.png': Buffer.from([137, 80, 0, 1]), 'big.txt': 'y'.repeat(5000) });
      const corpus = await discover(options(dir, ['a.ts', 'img.png', 'big.txt'], { maxFileBytes: 4096 }));
      expect(corpus.files.map((f) => [f.path, f.tokens])).toEqual([['a.ts', 100]]);
      expect(corpus.skipped).toEqual([
        { path: 'img.png', reason: 'binary' },
        { path: 'big.txt', reason: 'too large (5 KB > 4 KB, --max-file-kb)' },
      ]);
    }));

  test('stdin is one more file; nothing readable at all is an input error naming why', () =>
    withTempDir(async (dir) => {
      files(dir, { 'img.png': Buffer.from([0, 0]) });
      const corpus = await discover(options(dir, [], { stdin: 'line one\nline two\n' }));
      expect(corpus.files.map((f) => f.path)).toEqual(['<stdin>']);
      await expect(discover(options(dir, ['img.png'], { stdin: '  \n' }))).rejects.toMatchObject({
        code: 'E_INPUT',
        message: 'nothing to read (img.png: binary; <stdin>: empty)',
      });
    }));

  test('outside git, directories are listed as the files are read: the first are read before later directories are listed', () =>
    withTempDir(async (dir) => {
      files(dir, { 'a/1.ts': 'one\n', 'b/2.ts': 'two\n', 'c/3.ts': 'three\n' });
      const o = options(dir, ['.']);
      const entries = readCorpus(await expandPaths(o), o);
      const first = await entries.next();
      expect(first.value).toMatchObject({ file: { path: 'a/1.ts', text: 'one\n' } });
      // Written after the first file was read: a listing made up front would not have it.
      files(dir, { 'b/1.ts': 'new\n' });
      const rest = [];
      for await (const entry of entries) rest.push('file' in entry ? entry.file.path : entry.skipped);
      expect(rest).toEqual(['b/1.ts', 'b/2.ts', 'c/3.ts']);
    }));

  test('a subdirectory that cannot be listed any more is skipped with the reason; the rest is read', () =>
    withTempDir(async (dir) => {
      files(dir, { 'a/1.ts': 'one\n', 'b/2.ts': 'two\n', 'c.ts': 'c\n' });
      const o = options(dir, ['.']);
      const wanted = (await expandPaths(o))[Symbol.iterator]();
      expect(wanted.next().value).toBe(path.join(dir, 'a/1.ts'));
      rmSync(path.join(dir, 'b'), { recursive: true });
      const rest = [];
      for await (const entry of readCorpus({ [Symbol.iterator]: () => wanted }, o)) rest.push('file' in entry ? entry.file.path : entry.skipped);
      expect(rest).toEqual([{ path: 'b', reason: 'unreadable (ENOENT)' }, 'c.ts']);
    }));

  test('git is asked only where a .git is in or above the directory, or GIT_DIR is set', () =>
    withTempDir((dir) => {
      files(dir, { 'repo/src/a.ts': 'a\n', 'plain/b.ts': 'b\n' });
      writeFileSync(path.join(dir, 'repo/.git'), 'gitdir: /elsewhere\n'); // a linked work tree's .git file
      expect(mayBeInGitWorkTree(path.join(dir, 'repo/src'), {})).toBe(true);
      expect(mayBeInGitWorkTree(path.join(dir, 'plain'), {})).toBe(false);
      expect(mayBeInGitWorkTree(path.join(dir, 'plain'), { GIT_DIR: '/somewhere/.git' })).toBe(true);
    }));

  test('files read one after another keep their own text, small ones and ones larger than the read buffer', () =>
    withTempDir(async (dir) => {
      const big = `${'0123456789abcdef'.repeat(40 * 1024)}\n`; // 640 KB
      files(dir, { '1-big.txt': big, '2-small.txt': 'small\n', '3-big.txt': big.toUpperCase(), '4-mid.txt': 'é'.repeat(3000) });
      const corpus = await discover(options(dir, ['.'], { maxFileBytes: 1 << 20 }));
      for (const f of corpus.files) expect(f.text).toBe(readFileSync(path.join(dir, f.path), 'utf8'));
      expect(corpus.files.map((f) => f.bytes)).toEqual([big.length, 6, big.length, 6000]);
    }));
});
