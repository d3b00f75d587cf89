// Changing the breakers: only when something happens to one (a timeout, a crash, a recovery, a
// session told), under a lock, as write-temp-then-rename, so a reader sees the old file or the new
// one and never a torn one, and no two sessions' updates overwrite each other. A separate module
// from the read: events where nothing changes (most) never load it.
import fs from 'node:fs';
import { breakerFile, readBreakerState, type BreakerState } from './breaker-state.js';
import { takeLock, type LockOptions } from './file-lock.js';

export interface BreakerUpdate {
  /** Whether the file was written (false: the change was empty, or the lock could not be had). */
  readonly written: boolean;
  /** Why it was not made, when it should have been: 'lock timeout', 'EACCES'… */
  readonly error?: string;
  /** Time from asking for the lock to having written, in ms. */
  readonly ms: number;
  /** Times the lock was found taken. */
  readonly waits: number;
}

let tempCounter = 0;

/**
 * Changes the breakers: under the lock, reads the current file, lets `change` edit it (return false
 * for "nothing to write") and replaces the file atomically. Never throws: a failed update is
 * reported in the result (a hook run must not fail because its breaker could not be saved).
 */
export async function updateBreakerState(dir: string, change: (state: BreakerState) => boolean, options: LockOptions = {}): Promise<BreakerUpdate> {
  const t0 = performance.now();
  const file = breakerFile(dir);
  let lock;
  try {
    lock = await takeLock(`${file}.lock`, options);
  } catch (error) {
    return { written: false, error: (error as NodeJS.ErrnoException).code ?? String(error), ms: performance.now() - t0, waits: 0 };
  }
  if (!lock) return { written: false, error: 'lock timeout', ms: performance.now() - t0, waits: 0 };
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  try {
    const state = readBreakerState(dir);
    if (!change(state)) return { written: false, ms: performance.now() - t0, waits: lock.waits };
    fs.writeFileSync(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    // Someone broke our lock as stale (we were stopped for longer than staleMs): our read may be
    // old, so writing now could lose their update. Drop ours instead.
    if (!lock.held()) return { written: false, error: 'lock lost', ms: performance.now() - t0, waits: lock.waits };
    fs.renameSync(temp, file);
    return { written: true, ms: performance.now() - t0, waits: lock.waits };
  } catch (error) {
    return { written: false, error: (error as NodeJS.ErrnoException).code ?? String(error), ms: performance.now() - t0, waits: lock.waits };
  } finally {
    fs.rmSync(temp, { force: true });
    lock.release();
  }
}
