// What hook-executor would have saved on the runs imported from transcripts. A transcript holds each
// hook's measured duration, so per firing: one after another = Σ durations, under the executor ≈ the
// slowest hook + the executor's own overhead; saved = the difference (negative when it would cost).
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import type { HookRunRecord } from './types.js';

/**
 * The executor's overhead per event over its slowest hook under `serve` (BENCHMARKS.md: 21 hooks of
 * 50 ms), used unless `--executor-overhead` says otherwise.
 */
export const DEFAULT_EXECUTOR_OVERHEAD_MS = 30;

/** Said with every transcript report: what a transcript cannot show. */
export const TRANSCRIPT_BLIND_SPOTS =
  'A transcript records only hooks that printed output or failed without blocking: silent hooks (exit 0, no output) ' +
  'and blocking hooks (exit 2) are absent, so imported runs undercount hooks and may understate wall time.';

export interface TranscriptEventEstimate {
  readonly event: string;
  readonly runs: number;
  /** Σ of the recorded hooks' durations, per firing. */
  readonly sequential: LatencySummary;
  /** The slowest recorded hook, per firing. */
  readonly slowest: LatencySummary;
  readonly overheadMs: number;
  /** Σ over firings of (Σ durations − slowest − overhead). */
  readonly savedMs: number;
  readonly savedPerRunMs: number;
}

interface Acc {
  runs: number;
  sequential: LatencyHistogram;
  slowest: LatencyHistogram;
  sumSequential: number;
  sumSlowest: number;
}

export class TranscriptEstimator {
  private readonly events = new Map<string, Acc>();
  runs = 0;

  add(record: HookRunRecord): void {
    if (record.source !== 'transcript') return;
    this.runs++;
    let acc = this.events.get(record.event);
    if (acc === undefined) {
      acc = { runs: 0, sequential: new LatencyHistogram(), slowest: new LatencyHistogram(), sumSequential: 0, sumSlowest: 0 };
      this.events.set(record.event, acc);
    }
    let sum = 0;
    let max = 0;
    for (const hook of record.hooks) {
      const ms = Math.max(0, hook.end_ms - hook.start_ms);
      sum += ms;
      max = Math.max(max, ms);
    }
    acc.runs++;
    acc.sequential.record(sum);
    acc.slowest.record(max);
    acc.sumSequential += sum;
    acc.sumSlowest += max;
  }

  finish(overheadMs = DEFAULT_EXECUTOR_OVERHEAD_MS): TranscriptEventEstimate[] {
    return [...this.events.entries()].map(([event, acc]) => {
      const savedMs = acc.sumSequential - acc.sumSlowest - acc.runs * overheadMs;
      return {
        event, runs: acc.runs, sequential: acc.sequential.summary(), slowest: acc.slowest.summary(),
        overheadMs, savedMs, savedPerRunMs: acc.runs === 0 ? 0 : savedMs / acc.runs,
      };
    });
  }
}
