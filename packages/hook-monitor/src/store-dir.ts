import os from 'node:os';
import path from 'node:path';

/** The file every writer appends to; rotated files are `runs-<stamp>-<pid>-<rand>.jsonl`. */
export const CURRENT_FILE = 'runs.jsonl';
const ROTATED = /^runs-[0-9A-Za-z-]+\.jsonl$/;

/** `$HOOK_MONITOR_DIR`, or `~/.claude/hook-monitor`. */
export function defaultStoreDir(): string {
  const fromEnv = process.env.HOOK_MONITOR_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(os.homedir(), '.claude', 'hook-monitor');
}

/** Whether a file name in the store directory holds records. */
export function isStoreFile(name: string): boolean {
  return name === CURRENT_FILE || ROTATED.test(name);
}

/**
 * A name for a rotated file that no other writer can pick (rename would silently overwrite it) and
 * that sorts in rotation order: the wall-clock stamp for people, then the machine-wide monotonic
 * clock in ns for rotations within one millisecond, then pid and a random tag for uniqueness.
 */
export function rotatedFileName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  const mono = process.hrtime.bigint().toString().padStart(20, '0');
  const rand = Math.floor(Math.random() * 0x1000000).toString(36);
  return `runs-${stamp}-${mono}-${process.pid}-${rand}.jsonl`;
}
