// Guard: a UserPromptSubmit reminder to run independent work in parallel, at most once per
// `everyMinutes` per session (state in a small JSON file).
import fs from 'node:fs';
import path from 'node:path';
import { homeDir } from '../config/paths.js';

export const REMINDER =
  'Reminder (hook-executor parallel-reminder): when steps are independent (reading several files, searches, ' +
  'subagents, checks), issue all of those tool calls together in ONE message so they run in parallel, instead of ' +
  'one call per message.';

const DAY_MS = 24 * 60 * 60 * 1000;

export function reminderStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.HOOK_EXECUTOR_STATE_DIR ?? path.join(homeDir(env), '.claude', 'hook-executor');
  return path.join(dir, 'parallel-reminder.json');
}

function readState(file: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function writeState(file: string, state: Record<string, number>): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file); // atomic: concurrent sessions never read a torn file
  } catch {
    // A reminder is not worth failing a prompt over.
  }
}

/** The reminder text when this session is due one (and records that it got it), else ''. */
export function parallelReminderOutput(input: Record<string, unknown>, everyMinutes: number, file = reminderStateFile(), now = Date.now()): string {
  const session = typeof input.session_id === 'string' ? input.session_id : 'unknown';
  const state = readState(file);
  const last = state[session];
  if (typeof last === 'number' && now - last < everyMinutes * 60_000) return '';
  for (const [key, at] of Object.entries(state)) if (typeof at !== 'number' || now - at > DAY_MS) delete state[key];
  state[session] = now;
  writeState(file, state);
  return REMINDER;
}
