// Guard: a UserPromptSubmit reminder to run independent work in parallel, at most once per
// `everyMinutes` per session.
import { readState, stateFile, writeState } from './state-file.js';

export const REMINDER =
  'Reminder (hook-executor parallel-reminder): when steps are independent (reading several files, searches, ' +
  'subagents, checks), issue all of those tool calls together in ONE message so they run in parallel, instead of ' +
  'one call per message.';

export function reminderStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return stateFile('parallel-reminder', env);
}

/** The reminder text when this session is due one (and records that it got it), else ''. */
export function parallelReminderOutput(input: Record<string, unknown>, everyMinutes: number, file = reminderStateFile(), now = Date.now()): string {
  const session = typeof input.session_id === 'string' ? input.session_id : 'unknown';
  const state = readState<{ at: number }>(file);
  const last = state[session]?.at;
  if (typeof last === 'number' && now - last < everyMinutes * 60_000) return '';
  state[session] = { at: now };
  writeState(file, state, now);
  return REMINDER;
}
