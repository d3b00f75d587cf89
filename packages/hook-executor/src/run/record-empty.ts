import { recordRun } from '@fanout/hook-monitor';
import { matchTarget } from '../match/target.js';
import { buildRecord, newRunId } from '../record.js';
import type { HookInput } from '../types.js';

/** Records a run in which no hook matched (hook-monitor counts events and the executor's own cost). */
export function recordEmptyRun(event: string, input: HookInput, startedAt: Date, t0: number): void {
  const target = matchTarget(event, input);
  recordRun(
    buildRecord({
      runId: newRunId(),
      startedAt,
      event,
      ...(typeof input.session_id === 'string' ? { sessionId: input.session_id } : {}),
      ...(target === undefined ? {} : { target }),
      source: 'run',
      wallMs: performance.now() - t0,
      reports: [],
    }),
  );
}
