// A lock file beside a small state file, for read-modify-write by many processes at once (every
// Claude Code session runs its own executor). Taken with O_CREAT|O_EXCL, which the kernel grants to
// exactly one process; held for the few hundred microseconds of one update; released by unlinking.
// A holder that died (killed mid-update) leaves the file behind: it is broken once its process is
// gone or it is older than `staleMs`.
import fs from 'node:fs';
import path from 'node:path';

export interface LockOptions {
  /** Give up after this long waiting (the update is then not made). @default 5000 */
  readonly timeoutMs?: number;
  /** A lock older than this is a dead holder's. @default 10000 */
  readonly staleMs?: number;
}

export interface LockHandle {
  /** Whether this process still holds the lock (nobody broke it as stale). */
  held(): boolean;
  release(): void;
  /** Times the lock was found taken before it was ours. */
  readonly waits: number;
}

let sequence = 0;
/** A holder seen this long is asked whether it is still alive. */
const SUSPECT_MS = 50;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Breaks a lock whose holder is gone (its process exited, or it has held the lock for `staleMs`);
 * true when the caller should try to take it again.
 */
function breakIfStale(lockPath: string, seen: string, staleMs: number): boolean {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(lockPath).mtimeMs;
  } catch {
    return true; // released meanwhile
  }
  const pid = Number(seen.split(' ')[0]);
  const dead = Number.isInteger(pid) && pid > 0 && pid !== process.pid && processGone(pid);
  if (!dead && Date.now() - mtimeMs < staleMs) return false;
  // Rename first: of several processes breaking the same stale lock, one wins the rename.
  const aside = `${lockPath}.stale-${process.pid}-${++sequence}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return true;
  }
  // Between our look and the rename a live holder may have taken a fresh lock: give it back.
  if (readOr(aside) !== seen) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // someone took the lock since: theirs stands
    }
  }
  fs.rmSync(aside, { force: true });
  return true;
}

/** Takes `lockPath`, waiting with short random pauses; undefined when it could not within `timeoutMs`. */
export async function takeLock(lockPath: string, options: LockOptions = {}): Promise<LockHandle | undefined> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  const staleMs = options.staleMs ?? 10_000;
  const token = `${process.pid} ${Date.now()} ${++sequence} ${Math.random().toString(36).slice(2)}`;
  let waits = 0;
  let lastHolder: string | undefined;
  let heldSince = 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && Date.now() >= deadline) return undefined;
    try {
      fs.writeFileSync(lockPath, token, { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        waits,
        held: () => !released && readOr(lockPath) === token,
        release: () => {
          if (released) return;
          released = true;
          if (readOr(lockPath) === token) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        fs.mkdirSync(path.dirname(lockPath), { recursive: true, mode: 0o700 });
        continue;
      }
      if (code !== 'EEXIST') throw error;
    }
    waits++;
    // Waiting costs one read per look. Whether the holder is gone is asked only of a holder seen
    // holding for a while (a live one holds for well under a millisecond when it gets the CPU).
    const holder = readOr(lockPath);
    if (holder === undefined) continue;
    if (holder !== lastHolder) {
      lastHolder = holder;
      heldSince = Date.now();
    } else if (Date.now() - heldSince >= SUSPECT_MS && breakIfStale(lockPath, holder, staleMs)) {
      continue;
    }
    // Short pauses, jittered so that processes woken together do not collide again, growing so that
    // many waiters do not take the CPU from the holder on a busy machine.
    await pause(0.5 + Math.random() * Math.min(1 + attempt, 12));
  }
}
