// What hook-executor would have saved on the runs imported from transcripts, against what the user
// has: Claude Code's own runner, which already starts an event's matching hooks together. Per firing
// the transcript gives each hook's duration as Claude Code measured it (its spawn and any wait for a
// core included), so Claude Code's wall ≈ the slowest of them. Under the executor a python3/node hook
// it can pre-start loses its interpreter start-up, and with more hooks than cores every hook also
// waited for a core's share of the others' start-ups, which go too; the executor then adds its own
// per-event overhead. The figures come from the bench (estimate-model.ts).
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import { estimateModel } from './estimate-model.js';
import type { EstimateModel } from './estimate-model.js';
import { prestartHint } from './prestart-hint.js';
import type { HookRunRecord, HookTiming } from './types.js';

/** Said with every transcript report: what a transcript cannot show. */
export const TRANSCRIPT_BLIND_SPOTS =
  'A transcript records only hooks that printed output or failed without blocking: silent hooks (exit 0, no output) ' +
  'and blocking hooks (exit 2) are absent, so imported runs undercount hooks and may understate wall time.';

export interface TranscriptEventEstimate {
  readonly event: string;
  readonly runs: number;
  /** Claude Code's wall per firing: its slowest recorded hook. */
  readonly native: LatencySummary;
  /** The estimated wall under the executor, its overhead included. */
  readonly executor: LatencySummary;
  /** Hooks per firing the executor would start in a pre-started interpreter (mean). */
  readonly preStartable: number;
  /** Σ over firings of (Claude Code's wall − the executor's); negative when it would cost. */
  readonly savedMs: number;
  readonly savedPerRunMs: number;
}

function durationOf(hook: HookTiming): number {
  return Math.max(0, hook.end_ms - hook.start_ms);
}

/** The interpreter a pre-started hook would skip starting: set at import; for older imports, read from the id when it is whole. */
function preStartKind(hook: HookTiming): 'python' | 'node' | undefined {
  if (hook.interpreter !== undefined) return hook.interpreter;
  return hook.id.includes('…') ? undefined : prestartHint(hook.id);
}

/** One firing: Claude Code's wall, the executor's estimated wall, and how many hooks it would pre-start. */
export function estimateRun(record: HookRunRecord, model: EstimateModel): { native: number; executor: number; preStartable: number } {
  const hooks = record.hooks.map((hook) => {
    const kind = preStartKind(hook);
    return { ms: durationOf(hook), startup: kind === undefined ? 0 : model.startupMs[kind] };
  });
  const native = hooks.reduce((max, hook) => Math.max(max, hook.ms), 0);
  const startups = hooks.reduce((sum, hook) => sum + hook.startup, 0);
  const share = hooks.length > model.cores ? 1 / model.cores : 0;
  const hooksWall = hooks.reduce((max, hook) => Math.max(max, hook.ms - hook.startup - share * (startups - hook.startup)), 0);
  return { native, executor: Math.max(0, hooksWall) + model.overheadMs, preStartable: hooks.filter((hook) => hook.startup > 0).length };
}

interface Acc {
  runs: number;
  native: LatencyHistogram;
  executor: LatencyHistogram;
  preStartable: number;
  savedMs: number;
}

export class TranscriptEstimator {
  private readonly events = new Map<string, Acc>();
  runs = 0;

  constructor(readonly model: EstimateModel = estimateModel()) {}

  add(record: HookRunRecord): void {
    if (record.source !== 'transcript') return;
    this.runs++;
    let acc = this.events.get(record.event);
    if (acc === undefined) {
      acc = { runs: 0, native: new LatencyHistogram(), executor: new LatencyHistogram(), preStartable: 0, savedMs: 0 };
      this.events.set(record.event, acc);
    }
    const run = estimateRun(record, this.model);
    acc.runs++;
    acc.native.record(run.native);
    acc.executor.record(run.executor);
    acc.preStartable += run.preStartable;
    acc.savedMs += run.native - run.executor;
  }

  finish(): TranscriptEventEstimate[] {
    return [...this.events.entries()].map(([event, acc]) => ({
      event,
      runs: acc.runs,
      native: acc.native.summary(),
      executor: acc.executor.summary(),
      preStartable: acc.runs === 0 ? 0 : acc.preStartable / acc.runs,
      savedMs: acc.savedMs,
      savedPerRunMs: acc.runs === 0 ? 0 : acc.savedMs / acc.runs,
    }));
  }
}
