// The guards' small per-session memory: one JSON object per guard, written atomically, entries
// older than a day dropped. Failures are swallowed: a guard's memory is not worth failing a prompt.
import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from '../config/paths.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `$HOOK_EXECUTOR_STATE_DIR/<name>.json`, default `~/.claude/hook-executor/<name>.json`. */
export function stateFile(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), `${name}.json`);
}

/** Entries are `{ at: epoch ms, ... }` by session id. */
export type SessionState<T extends { at: number }> = Record<string, T>;

export function readState<T extends { at: number }>(file: string): SessionState<T> {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as SessionState<T>) : {};
  } catch {
    return {};
  }
}

export function writeState<T extends { at: number }>(file: string, state: SessionState<T>, now = Date.now()): void {
  for (const [key, entry] of Object.entries(state)) if (typeof entry?.at !== 'number' || now - entry.at > DAY_MS) delete state[key];
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }); // the state dir also holds serve's token
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
    fs.renameSync(tmp, file); // atomic: concurrent sessions never read a torn file
  } catch {
    // see above
  }
}
