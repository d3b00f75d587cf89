// serve.json: which server is running (pid, port, url). It is also the lock that keeps one server
// per user: a server claims it with an exclusive create before it listens, and exits if it finds
// the file naming another live server (or, later, no longer naming itself).
import fs from 'node:fs';
import path from 'node:path';

export interface ServerState {
  readonly v: 1;
  readonly pid: number;
  /** Set once the server listens. */
  readonly port?: number;
  readonly url?: string;
  readonly startedAt: string;
  readonly version: string;
}

export function readServerState(file: string): ServerState | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerState;
    return typeof value?.pid === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a live hook-executor process (a pid reused by something else does not count). */
export function serverAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('hook-executor');
  } catch {
    return true; // no /proc (macOS): the pid alone
  }
}

function writeNew(file: string, state: ServerState): boolean {
  const tmp = `${file}.${state.pid}.claim`;
  fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file); // atomic and exclusive: fails if the file exists
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Claims the state file for this server. Returns the live owner's state when another server holds
 * it; a file left by a dead server is replaced. (Two servers replacing the same stale file at once
 * may both succeed; each then sees the file name the other and the loser exits: see ownsState.)
 */
export function claimServerState(file: string, state: ServerState): { claimed: true } | { claimed: false; owner: ServerState } {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (writeNew(file, state)) return { claimed: true };
    const owner = readServerState(file);
    if (owner && owner.pid !== state.pid && serverAlive(owner.pid)) return { claimed: false, owner };
    fs.rmSync(file, { force: true }); // stale (or unreadable): its server is gone
  }
  throw new Error(`cannot claim ${file}`);
}

/** Rewrites our own state (temp file + rename: readers never see half a file). */
export function updateServerState(file: string, state: ServerState): void {
  const tmp = `${file}.${state.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function ownsState(file: string, pid: number): boolean {
  return readServerState(file)?.pid === pid;
}

/** Removes the state file if it is still ours. */
export function releaseServerState(file: string, pid: number): void {
  if (ownsState(file, pid)) fs.rmSync(file, { force: true });
}
