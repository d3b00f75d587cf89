import { readdir } from 'node:fs/promises';
import path from 'node:path';

// Outside git there is no .gitignore to ask: skip what is almost never worth reading.
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** Every file under `dir` (paths relative to it, sorted, slash-separated), not following symlinks. */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(rel: string): Promise<void> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await visit(child);
      } else if (entry.isFile()) {
        out.push(child);
      }
    }
  }
  await visit('');
  return out;
}
