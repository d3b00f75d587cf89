// The breaker's changes to its state, loaded only when an event has something to change: the one
// trial of a half-open breaker claimed before the run; after it, the results folded in under the
// lock (to the state as it is then: other sessions may have changed it since this event read it),
// the lines this session must be told, and the block of a failClosed gate whose breaker is open.
import { findBlockingHooks, hookKey, updateBreakerState } from '@fanout/hook-monitor/breaker';
import type { HookReport } from '../record.js';
import type { HookOutcome } from '../result/outcome.js';
import type { Tracked } from './event-breaker.js';
import { gateReason } from './gate.js';
import { gateBlockOutcome } from './gate-block.js';
import { hookResult } from './hook-result.js';
import { gateBlockLine } from './message.js';
import { applyResult, applySkip, claimTrial, forgetStale } from './transitions.js';

/** Claims the trials that are due; a trial another event has claimed is a skip (or, for a failClosed gate, a block). */
export async function claimTrials(dir: string, tracked: Tracked[], now: number): Promise<void> {
  const trials = tracked.filter((t) => t.verdict === 'trial');
  await updateBreakerState(dir, (fresh) => {
    for (const t of trials) {
      const token = `${process.pid}-${now.toString(36)}-${Math.random().toString(36).slice(2)}`;
      if (claimTrial(fresh, { ...t.context, now, searchStore: () => undefined }, token)) t.trialToken = token;
    }
    return trials.some((t) => t.trialToken !== undefined);
  });
  for (const t of trials) t.verdict = t.trialToken !== undefined ? 'run' : gateReason(t.planned.handler, t.entry) ? 'block' : 'skip';
}

/** Whether the store shows this hook denying or blocking: searched before the lock, once per hook, when a failure may open it. */
function searchStore(dir: string, t: Tracked, report: HookReport | undefined): boolean | undefined {
  const entry = t.entry;
  if (!report || t.context.gate || entry?.blocked || entry?.searched || hookResult(report).kind !== 'failure') return undefined;
  if ((entry?.failures ?? 0) + 1 < t.context.settings.after) return undefined;
  try {
    return (findBlockingHooks(dir, new Set([t.context.id])).get(hookKey(t.context.event, t.context.id)) ?? 0) > 0;
  } catch {
    return false; // an unreadable store proves nothing either way
  }
}

function withLine(outcome: HookOutcome | undefined, id: string, line: string): HookOutcome {
  const base = outcome ?? { id, decision: 'none' as const };
  return { ...base, systemMessage: base.systemMessage ? `${base.systemMessage}\n${line}` : line };
}

/**
 * Folds the run into the breakers (when `update`: something changed); returns the reports with this
 * session's lines and the blocks of failClosed gates added.
 */
export async function settleBreakers(
  dir: string,
  event: string,
  tracked: readonly Tracked[],
  reports: readonly HookReport[],
  update: boolean,
): Promise<HookReport[]> {
  const byId = new Map(reports.map((r) => [r.planned.handler.id, r]));
  const searched = new Map(tracked.map((t) => [t.context.id, searchStore(dir, t, byId.get(t.planned.handler.id))]));
  const lines = new Map<string, string>();
  const at = Date.now();
  if (update) await updateBreakerState(dir, (fresh) => {
    let changed = false;
    for (const t of tracked) {
      const context = { ...t.context, now: at, searchStore: () => searched.get(t.context.id), ...(t.trialToken ? { trialToken: t.trialToken } : {}) };
      const report = byId.get(t.planned.handler.id);
      const change =
        t.verdict === 'skip' ? applySkip(fresh, context) : report && t.verdict === 'run' ? applyResult(fresh, context, hookResult(report)) : { changed: false };
      if (change.changed) changed = true;
      if (change.line) lines.set(t.planned.handler.id, change.line);
    }
    if (changed) forgetStale(fresh, at);
    return changed;
  });
  const blocks = new Map<string, HookOutcome>();
  for (const t of tracked) {
    if (t.verdict === 'block' && t.entry) {
      const id = t.planned.handler.id;
      blocks.set(id, await gateBlockOutcome(event, id, gateBlockLine(id, t.entry, Date.now()), t.planned.timeoutMs));
    }
  }
  return reports.map((report) => {
    const id = report.planned.handler.id;
    const outcome = blocks.get(id) ?? report.outcome;
    const line = lines.get(id);
    if (line === undefined && outcome === report.outcome) return report;
    return { ...report, outcome: line === undefined ? outcome! : withLine(outcome, id, line) };
  });
}
