import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether git could see `dir` as part of a work tree: a `.git` (directory, or file of a linked work
 * tree) in it or above it, or GIT_DIR set. Starting git only to hear "not a git repository" costs a
 * process start, before the first file can be read.
 */
export function mayBeInGitWorkTree(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_DIR) return true;
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return true;
    if (path.dirname(at) === at) return false;
  }
}

/**
 * The files git would show under `dir` (tracked, plus untracked ones not ignored when asked), as
 * paths relative to `dir`; undefined when `dir` is not inside a git work tree or git is missing.
 */
export async function gitFiles(dir: string, includeUntracked: boolean): Promise<string[] | undefined> {
  if (!mayBeInGitWorkTree(dir)) return undefined;
  const args = ['ls-files', '-z', '--cached'];
  if (includeUntracked) args.push('--others', '--exclude-standard');
  // Loaded only here: a run outside git never pays for node's child_process (~5 ms of start-up).
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('git', args, { cwd: dir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
      if (error) return resolve(undefined);
      // --cached and --others never overlap; sorted, as git lists them per kind.
      const files = stdout.split('\0').filter((f) => f !== '');
      resolve(includeUntracked ? [...new Set(files)].sort() : files);
    });
  });
}
