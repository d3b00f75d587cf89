import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (tests run from source; spawned processes use dist/ and bin/). */
export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(PACKAGE_DIR, 'bin', 'hook-monitor.js');
export const DIST_INDEX = path.join(PACKAGE_DIR, 'dist', 'index.js');

export function tempDir(prefix = 'hook-monitor-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every non-empty line of every store file. */
export function storeLines(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '');
}
