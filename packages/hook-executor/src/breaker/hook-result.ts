// What a hook's part in a run means for its breaker: a timeout or a crash counts against it; any
// end of its own (exit 0, 2, or another code: an answer, even an error, came back in time) counts for
// it; skipped and cancelled hooks count neither way.
import type { HookReport } from '../record.js';
import type { HookResult } from './transitions.js';

const NONE: HookResult = { kind: 'none', timedOut: false, blocked: false };
const STOPS = new Set(['deny', 'block', 'continue_false']);

export function hookResult(report: HookReport): HookResult {
  if (report.planned.skip !== undefined || report.background) return NONE;
  const blocked = report.outcome !== undefined && STOPS.has(report.outcome.decision);
  const run = report.run;
  if (!run) return report.error ? { kind: 'failure', timedOut: false, error: report.error, blocked: false } : NONE;
  if (run.timedOut) return { kind: 'failure', timedOut: true, error: 'timeout', blocked: false };
  if (run.cancelled) return NONE;
  const crash = run.error ?? run.crash ?? (run.exitCode === null ? `killed by ${run.signal ?? 'a signal'}` : undefined);
  if (crash !== undefined) return { kind: 'failure', timedOut: false, error: crash, blocked: false };
  return { kind: 'success', timedOut: false, blocked };
}
