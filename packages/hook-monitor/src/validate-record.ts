import type { HookRunRecord } from './types.js';

function isTiming(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const hook = value as Record<string, unknown>;
  return (
    typeof hook.id === 'string' &&
    typeof hook.start_ms === 'number' &&
    typeof hook.end_ms === 'number' &&
    (hook.after === undefined || Array.isArray(hook.after))
  );
}

/** Whether a parsed line is a usable record (anything else is counted as corrupt). */
export function isHookRunRecord(value: unknown): value is HookRunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.v === 1 &&
    typeof record.run_id === 'string' &&
    typeof record.ts === 'string' &&
    typeof record.event === 'string' &&
    typeof record.wall_ms === 'number' &&
    Array.isArray(record.hooks) &&
    record.hooks.every(isTiming)
  );
}
