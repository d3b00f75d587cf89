import { maxOf } from '../max-of.js';
import type { HookRunRecord, HookTiming } from '../types.js';

/** A record for tests: hooks given as [id, start, end] plus optional overrides. */
export function sampleRecord(
  runId: string,
  hooks: Array<[string, number, number, Partial<HookTiming>?]>,
  extra: Partial<HookRunRecord> = {},
): HookRunRecord {
  const timings: HookTiming[] = hooks.map(([id, start, end, more]) => ({
    id,
    start_ms: start,
    end_ms: end,
    exit_code: 0,
    timed_out: false,
    stdout_bytes: 0,
    stderr_bytes: 0,
    ...more,
  }));
  return {
    v: 1,
    run_id: runId,
    ts: '2026-01-01T00:00:00.000Z',
    event: 'UserPromptSubmit',
    source: 'run',
    wall_ms: maxOf(timings, (h) => h.end_ms, 0),
    hooks: timings,
    ...extra,
  };
}
