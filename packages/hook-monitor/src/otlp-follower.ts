// Streaming runs to OpenTelemetry as they are recorded, without slowing the recorder: when
// HOOK_MONITOR_OTLP_URL is set, recordRun only makes sure that a background `hook-monitor export
// --otlp URL --follow` is draining the store (the store is the spool). A live follower touches its
// lock file every few seconds, so the check is one stat(2); a follower is started only when none is,
// at most once a minute per store (a marker file), detached from the hook so Claude Code never waits
// for it. The follower exits after a stretch with nothing new; the next run starts another.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const FOLLOW_LOCK_FILE = 'otlp-follow.lock';
export const FOLLOW_STARTING_FILE = 'otlp-follow.starting';
/** A follower's lock untouched for longer is a dead follower's. */
export const FOLLOW_STALE_MS = 30_000;
/** How long a start is believed to be under way (a follower that failed to start is retried after it). */
const STARTING_MS = 60_000;

function fresh(file: string, withinMs: number): boolean {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs < withinMs;
}

/** The hook-monitor bin, found from wherever this code was bundled (hook-executor bundles the recorder). */
function monitorBin(): string {
  const pkg = createRequire(import.meta.url).resolve('@fanout/hook-monitor/package.json');
  return path.join(path.dirname(pkg), 'bin', 'hook-monitor.js');
}

/**
 * Starts a follower for `dir` sending to `url` unless one is running or starting. `since` (the run
 * just recorded) lets a first follower send that run too. Never throws.
 */
export function ensureOtlpFollower(dir: string, url: string, since: string): void {
  try {
    if (fresh(path.join(dir, FOLLOW_LOCK_FILE), FOLLOW_STALE_MS)) return;
    const starting = path.join(dir, FOLLOW_STARTING_FILE);
    if (fresh(starting, STARTING_MS)) return;
    // Of several runs finding no follower at once, mostly one writes the marker and starts one; when
    // two do, the lock lets one follow and the other exit.
    fs.rmSync(starting, { force: true });
    fs.writeFileSync(starting, String(process.pid), { flag: 'wx', mode: 0o600 });
    const { spawn } = process.getBuiltinModule('node:child_process');
    // The URL goes in the environment, not argv: a command line is readable by every local user.
    const child = spawn(process.execPath, [monitorBin(), 'export', '--follow', '--dir', dir, '--since', since], {
      detached: true,
      stdio: 'ignore',
      cwd: dir,
      env: { ...process.env, HOOK_MONITOR_OTLP_URL: url },
    });
    child.on('error', () => {}); // reported by its absence: the next run after the marker expires tries again
    child.unref();
  } catch {
    // Another run is starting one, or the store is not writable: never the hook's problem.
  }
}
