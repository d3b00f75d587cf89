import { HookMonitorError } from './errors.js';
import { listStoreFiles } from './list-store-files.js';
import { readLinesBackward } from './read-lines-backward.js';
import { MAX_RECORD_BYTES, scanStore } from './scan-store.js';
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
 * backwards, so it costs the same on a store of any size; lines that are too long or corrupt are
 * passed over in bounded memory. Undefined for an empty store.
 */
export function lastRun(options: { dir?: string; event?: string } = {}): HookRunRecord | undefined {
  const dir = options.dir ?? defaultStoreDir();
  for (const file of listStoreFiles(dir).reverse()) {
    try {
      for (const line of readLinesBackward(file.path, file.size, MAX_RECORD_BYTES)) {
        const record = parse(line);
        if (record !== undefined && (options.event === undefined || record.event === options.event)) return record;
      }
    } catch (error) {
      // Rotated away or truncated while read: its records are in the other files, or gone.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return undefined;
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
