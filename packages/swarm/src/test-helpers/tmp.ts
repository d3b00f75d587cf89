import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'swarm-test-'): { dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `fn` with a fresh temporary directory, removed afterwards whatever happens. */
export async function withTempDir<T>(fn: (t: ReturnType<typeof tempDir>) => T | Promise<T>): Promise<T> {
  const t = tempDir();
  try {
    return await fn(t);
  } finally {
    t.remove();
  }
}
