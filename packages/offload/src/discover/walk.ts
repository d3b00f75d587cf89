import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

// Outside git there is no .gitignore to ask: skip what is almost never worth reading.
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every file under `dir` (paths relative to it, sorted, slash-separated), not following symlinks.
 * Listed one directory at a time as the result is iterated, so the first files can be read (and
 * sent) while later directories are still unlisted. `dir` itself is listed at once: a directory that
 * cannot be listed throws here. A subdirectory that cannot be listed comes out as a path of its own,
 * which then reads as unreadable, with the reason.
 */
export function walkFiles(dir: string): Iterable<string> {
  const top = readdirSync(dir, { withFileTypes: true });
  function* visit(entries: Dirent[], rel: string): Generator<string> {
    entries.sort(byName);
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        let below: Dirent[];
        try {
          below = readdirSync(path.join(dir, child), { withFileTypes: true });
        } catch {
          yield child;
          continue;
        }
        yield* visit(below, child);
      } else if (entry.isFile()) {
        yield child;
      }
    }
  }
  return visit(top, '');
}
