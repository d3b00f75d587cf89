// The breaker's part in one event, around executeEvent's run: before, one small synchronous read of
// the state and a verdict per hook (run, skip, or — a gate under failClosed — block); after, the
// results folded into the state, only when something happened (a timeout, a crash, a recovery, a
// session to tell, a trial due): most events write nothing and take no lock. breaker-write.ts is
// imported statically: the build bundles it into the run's chunk, where a chunk of its own would
// cost a module load (more than its parse) on every event that runs hooks.
import { readBreakerState, type BreakerEntry, type BreakerState } from '@fanout/hook-monitor/breaker';
import type { ExecutorConfig } from '../config/types.js';
import type { PlannedHook, Selection } from '../match/select.js';
import type { HookReport } from '../record.js';
import { gateReason } from './gate.js';
import { hookResult } from './hook-result.js';
import { breakerKey, configPlace } from './key.js';
import { failedText } from './message.js';
import { isOpen, trialBusy } from './phase.js';
import { breakerSettings } from './settings.js';
import { claimTrials, settleBreakers } from './breaker-write.js';
import type { HookContext } from './transitions.js';

export interface BreakerOptions {
  /** The directory of hook-monitor's store, where `breaker.json` lives. */
  readonly dir: string;
}

export type Verdict = 'run' | 'trial' | 'skip' | 'block';

/** One hook under a breaker in this event. */
export interface Tracked {
  readonly planned: PlannedHook;
  readonly context: Omit<HookContext, 'now' | 'trialToken' | 'searchStore'>;
  /** Its breaker as read before the run. */
  readonly entry: BreakerEntry | undefined;
  verdict: Verdict;
  trialToken?: string;
}

export interface EventBreaker {
  /** The selection with the hooks the breaker skips or blocks marked as skipped. */
  readonly selection: Selection;
  /** Folds the run into the breakers; returns the reports with this session's lines and gate blocks added. */
  settle(reports: readonly HookReport[]): Promise<HookReport[]>;
}

function verdictOf(t: Omit<Tracked, 'verdict'>, now: number): Verdict {
  const entry = t.entry;
  if (entry?.openUntil === undefined) return 'run';
  const gate = gateReason(t.planned.handler, entry) !== undefined;
  if (gate && !t.context.failClosed) return 'run';
  if (isOpen(entry, now) || trialBusy(entry, now)) return gate ? 'block' : 'skip';
  return 'trial';
}

function skipReason(t: Tracked): string {
  const failed = t.entry ? failedText(t.entry) : 'failed';
  return t.verdict === 'block' ? `breaker open (${failed}): blocked, failClosed gate` : `breaker open (${failed})`;
}

/** Whether folding this run into the state would change it (most events: no, and nothing is written). */
function needsWrite(t: Tracked, report: HookReport | undefined, session: string): boolean {
  if (t.verdict === 'skip') return !t.entry?.told?.includes(session);
  if (t.verdict === 'block') return false;
  if (!report) return false;
  const result = hookResult(report);
  if (result.kind === 'failure' || t.trialToken !== undefined) return true;
  if (result.blocked && !t.entry?.blocked) return true;
  return result.kind === 'success' && t.entry !== undefined && (t.entry.failures > 0 || t.entry.openUntil !== undefined || t.entry.trialBy !== undefined);
}

/** Plans the breaker's part in an event. */
export async function planEventBreaker(
  options: BreakerOptions,
  event: string,
  sessionId: string | undefined,
  selection: Selection,
  config: Pick<ExecutorConfig, 'breaker' | 'failClosed'>,
  projectDir: string,
): Promise<EventBreaker> {
  const candidates = selection.hooks.flatMap((planned) => {
    const settings = planned.skip === undefined ? breakerSettings(config, planned.handler) : undefined;
    return settings ? [{ planned, settings }] : [];
  });
  const state: BreakerState = candidates.length ? readBreakerState(options.dir) : { v: 1, hooks: {} };
  const session = sessionId ?? '';
  const now = Date.now();
  const tracked: Tracked[] = candidates.map(({ planned, settings }) => {
    const handler = planned.handler;
    const key = breakerKey(event, handler, projectDir);
    const context = {
      key, id: handler.id, event, file: configPlace(handler, projectDir), settings, gate: handler.gate === true,
      failClosed: config.failClosed, timeoutMs: planned.timeoutMs, session,
    };
    const partial = { planned, context, entry: state.hooks[key] };
    return { ...partial, verdict: verdictOf(partial, now) };
  });
  if (tracked.some((t) => t.verdict === 'trial')) {
    // Of all the sessions that find the cool-off over, one runs the trial; the others keep skipping.
    await claimTrials(options.dir, tracked, now);
  }

  const held = new Map(tracked.filter((t) => t.verdict === 'skip' || t.verdict === 'block').map((t) => [t.planned.handler.id, t]));
  const adjusted: Selection = held.size
    ? {
        ...selection,
        hooks: selection.hooks.map((planned) => {
          const t = held.get(planned.handler.id);
          if (t) return { ...planned, skip: skipReason(t) };
          return planned.after.some((dep) => held.has(dep)) ? { ...planned, after: planned.after.filter((dep) => !held.has(dep)) } : planned;
        }),
      }
    : selection;

  return {
    selection: adjusted,
    async settle(reports) {
      const byId = new Map(reports.map((r) => [r.planned.handler.id, r]));
      const update = tracked.some((t) => needsWrite(t, byId.get(t.planned.handler.id), session));
      if (!update && !held.size) return [...reports];
      return settleBreakers(options.dir, event, tracked, reports, update);
    },
  };
}
