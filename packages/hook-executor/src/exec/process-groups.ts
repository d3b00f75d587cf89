// Every hook runs in its own process group (spawned detached), so a timeout or a cancel can kill
// the whole group: the hook's shell, and the grandchildren it started.

const live = new Set<number>();

export function trackGroup(pid: number): void {
  live.add(pid);
}

export function untrackGroup(pid: number): void {
  live.delete(pid);
}

/** Sends `signal` to the process group led by `pid`; false when no member is left. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any process of the group is still alive. */
export function groupAlive(pid: number): boolean {
  return killGroup(pid, 0 as unknown as NodeJS.Signals);
}

/** Kills every group still running (the executor itself is being stopped). */
export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of live) killGroup(pid, signal);
}
