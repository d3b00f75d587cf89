import fs from 'node:fs';
import { HookMonitorError } from './errors.js';
import { listStoreFiles } from './list-store-files.js';
import { scanStore } from './scan-store.js';
import { defaultStoreDir } from './store-dir.js';
import type { HookRunRecord } from './types.js';
import { isHookRunRecord } from './validate-record.js';

/** The run with this id (the last one, should an id repeat); throws UNKNOWN_RUN when there is none. */
export async function findRun(runId: string, options: { dir?: string } = {}): Promise<HookRunRecord> {
  const dir = options.dir ?? defaultStoreDir();
  let found: HookRunRecord | undefined;
  const stats = await scanStore({ dir, runId }, (record) => (found = record));
  if (found === undefined) {
    throw new HookMonitorError('UNKNOWN_RUN', `no run with id "${runId}" in ${dir} (${stats.lines} records searched)`);
  }
  return found;
}

/**
 * The most recently recorded run (optionally of one event), read from the end of the newest file
 * backwards, so it costs the same on a store of any size. Undefined for an empty store.
 */
export function lastRun(options: { dir?: string; event?: string } = {}): HookRunRecord | undefined {
  const dir = options.dir ?? defaultStoreDir();
  for (const file of listStoreFiles(dir).reverse()) {
    let window = Math.min(file.size, 256 * 1024);
    for (;;) {
      const lines = tail(file.path, file.size, window);
      for (let i = lines.length - 1; i >= 0; i--) {
        const record = parse(lines[i]!);
        if (record !== undefined && (options.event === undefined || record.event === options.event)) return record;
      }
      if (window >= file.size) break;
      window = Math.min(file.size, window * 4);
    }
  }
  return undefined;
}

function tail(path: string, size: number, window: number): string[] {
  const buffer = Buffer.alloc(window);
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, buffer, 0, window, size - window);
  } finally {
    fs.closeSync(fd);
  }
  const lines = buffer.toString('utf8').split('\n');
  // The first line of a window that does not start the file is cut: never parse half a record.
  return window < size ? lines.slice(1) : lines;
}

function parse(line: string): HookRunRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isHookRunRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
