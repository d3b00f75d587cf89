// One `hook-monitor import` per store at a time. Two at once would both read the same marks and both
// append the same new lines; with the lock the second waits, then reads the marks the first left and
// finds nothing new. An import can hold the lock for minutes (a large history), so the holder touches
// the lock file as it goes: a lock left untouched for `STALE_MS` (or whose process is gone) is a dead
// importer's, and the next import breaks it.
import fs from 'node:fs';
import path from 'node:path';
import { HookMonitorError } from './errors.js';
import { takeLock } from './file-lock.js';
import type { LockHandle } from './file-lock.js';
import { IMPORT_STATE_FILE } from './import-state.js';

const STALE_MS = 60_000;
const HEARTBEAT_MS = 5_000;
const RETRY_MS = 200;
const TRY_MS = 100;

export interface ImportLock {
  /** Throws when another import broke the lock (this one was stopped for longer than the stale time). */
  check(): void;
  release(): void;
}

export interface ImportLockOptions {
  /** Wait at most this long for another import to finish. @default 600_000 */
  readonly waitMs?: number;
  /** Told once when another import holds the lock (its pid, when known). */
  readonly onWait?: (pid: number | undefined) => void;
}

export const importLockPath = (dir: string): string => path.join(dir, `${IMPORT_STATE_FILE}.lock`);

function holderPid(lockPath: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function takeImportLock(dir: string, options: ImportLockOptions = {}): Promise<ImportLock> {
  const lockPath = importLockPath(dir);
  const deadline = Date.now() + (options.waitMs ?? 600_000);
  let told = false;
  let handle: LockHandle | undefined;
  for (;;) {
    // A short try each time (long enough for takeLock to ask whether the holder is alive), then a
    // longer pause here: takeLock's own pauses suit holds of microseconds, an import holds for seconds.
    handle = await takeLock(lockPath, { timeoutMs: TRY_MS, staleMs: STALE_MS });
    if (handle !== undefined) break;
    if (Date.now() >= deadline) {
      const pid = holderPid(lockPath);
      throw new HookMonitorError('BUSY', `another import${pid === undefined ? '' : ` (pid ${pid})`} still holds ${lockPath}; try again when it ends`);
    }
    if (!told) {
      told = true;
      options.onWait?.(holderPid(lockPath));
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  const held = handle;
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(lockPath, now, now);
    } catch {
      // gone: check() says so before the next mark is written
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    check: () => {
      if (!held.held()) throw new HookMonitorError('BUSY', `lost ${lockPath} to another import (this one was paused too long); run import again`);
    },
    release: () => {
      clearInterval(heartbeat);
      held.release();
    },
  };
}
