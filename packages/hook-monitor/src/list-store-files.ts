import fs from 'node:fs';
import path from 'node:path';
import { HookMonitorError } from './errors.js';
import { CURRENT_FILE, isStoreFile } from './store-dir.js';

export interface StoreFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The store's record files, oldest first: rotated files by their (time-stamped) names, then the
 * current `runs.jsonl`. A missing directory is an empty store, not an error.
 */
export function listStoreFiles(dir: string): StoreFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new HookMonitorError('STORE_UNREADABLE', `cannot read the store directory ${dir} (${code ?? String(error)})`, { cause: error });
  }
  const rotated = names.filter((name) => name !== CURRENT_FILE && isStoreFile(name)).sort();
  if (names.includes(CURRENT_FILE)) rotated.push(CURRENT_FILE);
  const files: StoreFile[] = [];
  for (const name of rotated) {
    const file = path.join(dir, name);
    try {
      const stat = fs.statSync(file);
      if (stat.isFile()) files.push({ path: file, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      // rotated away or removed between readdir and stat: the rotated name is in the list too
    }
  }
  return files;
}
