import { execFile } from 'node:child_process';

/**
 * The files git would show under `dir` (tracked, plus untracked ones not ignored when asked), as
 * paths relative to `dir`; undefined when `dir` is not inside a git work tree or git is missing.
 */
export function gitFiles(dir: string, includeUntracked: boolean): Promise<string[] | undefined> {
  const args = ['ls-files', '-z', '--cached'];
  if (includeUntracked) args.push('--others', '--exclude-standard');
  return new Promise((resolve) => {
    execFile('git', args, { cwd: dir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
      if (error) return resolve(undefined);
      // --cached and --others never overlap; sorted, as git lists them per kind.
      const files = stdout.split('\0').filter((f) => f !== '');
      resolve(includeUntracked ? [...new Set(files)].sort() : files);
    });
  });
}
