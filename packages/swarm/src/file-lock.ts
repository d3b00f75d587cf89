import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** A lock held by this process; `release` is idempotent and also runs when the process exits. */
export interface FileLock {
  readonly path: string;
  release(): void;
}

/** Who holds a lock that could not be taken. */
export interface LockHolder {
  readonly pid: number;
}

/** When the process started (Linux: clock ticks since boot, /proc/PID/stat field 22); undefined elsewhere. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number, started: string | undefined): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid may have been reused by an unrelated process since the holder died.
  const now = processStart(pid);
  return started === undefined || now === undefined || now === started;
}

function readHolder(path: string): { text: string; pid: number; started: string | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, started] = text.split('\n');
  return { text, pid: Number(pid), started: started || undefined };
}

/**
 * Takes `path` as a lock file holding this process's pid and start time, or returns its live
 * holder. The file appears whole (written aside, then hard-linked into place, which fails if it
 * exists), so a reader never sees a half-written one. A lock whose process is gone (killed, crashed)
 * is stale: it is removed and taken. Removed again by `release` or when this process exits.
 */
export function tryLock(path: string): FileLock | LockHolder {
  const mine = `${process.pid}\n${processStart(process.pid) ?? ''}\n`;
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, mine);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(aside, path);
        return held(path, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder && Number.isInteger(holder.pid) && holder.pid > 0 && isAlive(holder.pid, holder.started)) return { pid: holder.pid };
      // Stale: remove it, unless another process replaced it meanwhile.
      try {
        if (readHolder(path)?.text === holder?.text) unlinkSync(path);
      } catch {
        // removed by another process just now
      }
    }
    return { pid: readHolder(path)?.pid ?? 0 };
  } finally {
    unlinkSync(aside);
  }
}

function held(path: string, mine: string): FileLock {
  let holding = true;
  const release = (): void => {
    if (!holding) return;
    holding = false;
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { path, release };
}
