import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const MAX_FILE_BYTES = 256 * 1024;

/** Text of every file under `dir` (≤ 256 KB each), keyed by relative POSIX path, sorted. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of paths) {
    if ((await stat(file)).size > MAX_FILE_BYTES) continue;
    files[path.relative(dir, file).split(path.sep).join('/')] = await readFile(file, 'utf8');
  }
  return files;
}
