import type { GraphResult } from '@fanout/parallel-core';
import type { NodeValue } from './exec/hook-node.js';
import type { Selection } from './match/select.js';
import type { HookReport } from './record.js';

/**
 * Every matched hook's part in the run, in config order: graph outcomes turned into reports, with
 * offsets moved from the graph's start to the run's start.
 * @param stoppedBy `<id> denied` when failFast cancelled the rest
 */
export function reportsFrom(selection: Selection, graph: GraphResult<NodeValue> | undefined, graphStartMs: number, stoppedBy?: string): HookReport[] {
  const cancelReason = stoppedBy ? `cancelled: failFast after ${stoppedBy}` : 'cancelled';
  return selection.hooks.map((planned): HookReport => {
    const outcome = graph?.byId.get(planned.handler.id);
    if (planned.skip !== undefined || !outcome) return { planned };
    const timing =
      outcome.status !== 'skipped' && outcome.startMs !== undefined
        ? { startMs: outcome.startMs + graphStartMs, endMs: (outcome.endMs ?? outcome.startMs) + graphStartMs }
        : {};
    if (outcome.status === 'ok') {
      const v = outcome.value;
      const cancelled = v.run?.cancelled === true && !v.run.timedOut;
      return {
        planned,
        outcome: v.outcome,
        ...(v.run ? { run: v.run } : {}),
        ...timing,
        ...(v.background ? { background: true, endMs: timing.startMs } : {}),
        ...(v.error ? { error: v.error } : {}),
        ...(cancelled ? { skipped: cancelReason } : {}),
      };
    }
    if (outcome.status === 'failed') {
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      const notice = `${planned.handler.id}: could not run (${message}); it gave no decision`;
      return { planned, ...timing, error: message, outcome: { id: planned.handler.id, decision: 'none', notice } };
    }
    return { planned, ...timing, skipped: outcome.status === 'skipped' ? outcome.reason : cancelReason };
  });
}
