import { criticalPath, sequentialMs } from './critical-path.js';
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import { hookDuration, hookHadEffect, hookStatus } from './hook-status.js';
import type { ScanStats } from './scan-store.js';
import type { HookRunRecord } from './types.js';

export interface HookReport {
  readonly id: string;
  /** Runs in which the hook ran (not skipped). */
  readonly runs: number;
  readonly skipped: number;
  /** Non-zero exits other than 2, and crashes. */
  readonly failures: number;
  readonly timeouts: number;
  /** Exit 2, or a block/deny/continue:false decision. */
  readonly blocks: number;
  /** Runs in which it decided something, blocked, or printed output (context). */
  readonly effects: number;
  /** Runs in which it ran in the background. */
  readonly background: number;
  /** Runs in which it was on the critical path. */
  readonly critical: number;
  /** Every `after` dependency it was seen with. */
  readonly after: readonly string[];
  /** Its stdout size when it was the same in every run it ran (a hint that it is cacheable). */
  readonly constantStdoutBytes?: number;
  readonly latency: LatencySummary;
  /** When it started, relative to the run (how long `after` made it wait). */
  readonly startP50: number;
  /** The interpreter its command runs (python, node), when the records say. */
  readonly interpreter?: 'python' | 'node';
  /** Runs in which it started in a pre-started interpreter (under serve). */
  readonly preStarted: number;
}

export interface EventReport {
  readonly event: string;
  readonly runs: number;
  /** Wall clock per run. */
  readonly wall: LatencySummary;
  /** What running the foreground hooks one after another would have cost, per run. */
  readonly sequential: LatencySummary;
  /** Σ(one-after-another − wall) over all runs. */
  readonly savedMs: number;
  readonly savedPerRunMs: number;
  /** In config order (the order the hooks first appear in the records). */
  readonly hooks: readonly HookReport[];
}

export interface Report {
  readonly dir: string;
  readonly runs: number;
  readonly hookRecords: number;
  readonly firstTs?: string;
  readonly lastTs?: string;
  readonly events: readonly EventReport[];
  readonly files: number;
  readonly corrupt: number;
  readonly corruptAt: readonly string[];
}

interface HookAcc {
  id: string;
  runs: number;
  skipped: number;
  failures: number;
  timeouts: number;
  blocks: number;
  effects: number;
  background: number;
  critical: number;
  after: Set<string>;
  stdoutBytes: number | undefined | null;
  latency: LatencyHistogram;
  start: LatencyHistogram;
  interpreter: 'python' | 'node' | undefined;
  preStarted: number;
}

interface EventAcc {
  event: string;
  runs: number;
  wall: LatencyHistogram;
  sequential: LatencyHistogram;
  savedMs: number;
  hooks: Map<string, HookAcc>;
  days: Map<string, LatencyHistogram>;
}

/** One day's wall-clock summary of one event, for the trend chart. */
export interface DayTrend {
  readonly day: string;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
}

/** Aggregates records one at a time, in bounded memory (histograms, not samples). */
export class ReportBuilder {
  private readonly events = new Map<string, EventAcc>();
  private runs = 0;
  private hookRecords = 0;
  private firstTs: string | undefined;
  private lastTs: string | undefined;

  add(record: HookRunRecord): void {
    this.runs++;
    if (this.firstTs === undefined || record.ts < this.firstTs) this.firstTs = record.ts;
    if (this.lastTs === undefined || record.ts > this.lastTs) this.lastTs = record.ts;
    let acc = this.events.get(record.event);
    if (acc === undefined) {
      acc = {
        event: record.event, runs: 0, wall: new LatencyHistogram(), sequential: new LatencyHistogram(),
        savedMs: 0, hooks: new Map(), days: new Map(),
      };
      this.events.set(record.event, acc);
    }
    const sequential = sequentialMs(record.hooks);
    acc.runs++;
    acc.wall.record(record.wall_ms);
    acc.sequential.record(sequential);
    acc.savedMs += sequential - record.wall_ms;
    const day = record.ts.slice(0, 10);
    let dayHist = acc.days.get(day);
    if (dayHist === undefined) acc.days.set(day, (dayHist = new LatencyHistogram()));
    dayHist.record(record.wall_ms);

    const critical = new Set(criticalPath(record.hooks).map((hook) => hook.id));
    for (const hook of record.hooks) {
      this.hookRecords++;
      let h = acc.hooks.get(hook.id);
      if (h === undefined) {
        h = {
          id: hook.id, runs: 0, skipped: 0, failures: 0, timeouts: 0, blocks: 0, effects: 0, background: 0,
          critical: 0, after: new Set(), stdoutBytes: undefined, latency: new LatencyHistogram(), start: new LatencyHistogram(),
          interpreter: undefined, preStarted: 0,
        };
        acc.hooks.set(hook.id, h);
      }
      for (const dep of hook.after ?? []) h.after.add(dep);
      const status = hookStatus(hook);
      if (status === 'skipped') {
        h.skipped++;
        continue;
      }
      h.runs++;
      if (status === 'failed') h.failures++;
      else if (status === 'timeout') h.timeouts++;
      else if (status === 'block') h.blocks++;
      if (hookHadEffect(hook)) h.effects++;
      if (hook.background === true) h.background++;
      if (hook.interpreter !== undefined) h.interpreter = hook.interpreter;
      if (hook.start === 'pre-started') h.preStarted++;
      if (critical.has(hook.id)) h.critical++;
      if (h.stdoutBytes === undefined) h.stdoutBytes = hook.stdout_bytes;
      else if (h.stdoutBytes !== hook.stdout_bytes) h.stdoutBytes = null;
      h.latency.record(hookDuration(hook));
      if (hook.after !== undefined && hook.after.length > 0) h.start.record(hook.start_ms);
    }
  }

  /** The distribution of one hook's durations (for charts). */
  histogram(event: string, id: string): LatencyHistogram | undefined {
    return this.events.get(event)?.hooks.get(id)?.latency;
  }

  /** Per-day wall p50/p95 of one event, oldest day first. */
  trend(event: string): DayTrend[] {
    const acc = this.events.get(event);
    if (acc === undefined) return [];
    return [...acc.days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([day, hist]) => ({ day, runs: hist.count, p50: hist.quantile(0.5), p95: hist.quantile(0.95) }));
  }

  finish(stats: ScanStats): Report {
    const events = [...this.events.values()].map((acc): EventReport => ({
      event: acc.event,
      runs: acc.runs,
      wall: acc.wall.summary(),
      sequential: acc.sequential.summary(),
      savedMs: acc.savedMs,
      savedPerRunMs: acc.runs === 0 ? 0 : acc.savedMs / acc.runs,
      hooks: [...acc.hooks.values()].map((h): HookReport => ({
        id: h.id, runs: h.runs, skipped: h.skipped, failures: h.failures, timeouts: h.timeouts, blocks: h.blocks,
        effects: h.effects, background: h.background, critical: h.critical, after: [...h.after],
        ...(typeof h.stdoutBytes === 'number' ? { constantStdoutBytes: h.stdoutBytes } : {}),
        latency: h.latency.summary(),
        startP50: h.start.quantile(0.5),
        ...(h.interpreter === undefined ? {} : { interpreter: h.interpreter }),
        preStarted: h.preStarted,
      })),
    }));
    return {
      dir: stats.dir,
      runs: this.runs,
      hookRecords: this.hookRecords,
      ...(this.firstTs === undefined ? {} : { firstTs: this.firstTs }),
      ...(this.lastTs === undefined ? {} : { lastTs: this.lastTs }),
      events,
      files: stats.files,
      corrupt: stats.corrupt,
      corruptAt: stats.corruptAt,
    };
  }
}
