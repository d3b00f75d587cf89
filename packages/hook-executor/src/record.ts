import { recordRun, type HookRunRecord, type HookTiming } from '@fanout/hook-monitor';
import { matchTarget } from './events.js';
import type { PlannedHook } from './match/select.js';
import type { HookOutcome } from './result/outcome.js';
import type { HandlerRun, HookInput } from './types.js';

/** A hook's part in a run, as the executor saw it. */
export interface HookReport {
  readonly planned: PlannedHook;
  readonly outcome?: HookOutcome;
  readonly run?: HandlerRun;
  /** Offsets from the run's start, in ms. */
  readonly startMs?: number;
  readonly endMs?: number;
  /** Why it did not run or did not finish. */
  readonly skipped?: string;
  readonly background?: boolean;
  /** A background hook that could not be started. */
  readonly error?: string;
}

let counter = 0;

/** A run id unique across concurrent executors: time, pid, a per-process counter and randomness. */
export function newRunId(now = Date.now()): string {
  counter++;
  return `${now.toString(36)}-${process.pid.toString(36)}-${counter.toString(36)}${Math.floor(Math.random() * 0xffffff).toString(36)}`;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function errorOf(report: HookReport): string | undefined {
  if (report.error) return report.error;
  const run = report.run;
  if (!run) return undefined;
  if (run.error) return run.error;
  if (run.crash) return run.crash;
  if (run.timedOut) return 'timeout';
  if (run.cancelled) return undefined;
  if (run.exitCode === null) return `killed by ${run.signal ?? 'signal'}`;
  if (run.exitCode !== 0 && run.exitCode !== 2) return `exit ${run.exitCode}`;
  return undefined;
}

/** python or node when the command line runs one (for hook-monitor's advice; not exact: a hint). */
function interpreterOf(handler: PlannedHook['handler']): 'python' | 'node' | undefined {
  const line = handler.args ? [handler.command, ...handler.args].join(' ') : (handler.command ?? '');
  const word = /(?:^|[\s/;&|(])(python[0-9.]*|node|nodejs)(?=\s|$)/.exec(line)?.[1];
  return word === undefined ? undefined : word.startsWith('python') ? 'python' : 'node';
}

export function hookTiming(report: HookReport): HookTiming {
  const { planned, run } = report;
  const timing: HookTiming = {
    id: planned.handler.id,
    start_ms: round(report.startMs ?? 0),
    end_ms: round(report.endMs ?? report.startMs ?? 0),
    exit_code: run?.exitCode ?? null,
    timed_out: run?.timedOut ?? false,
    decision: report.outcome?.decision ?? 'none',
    stdout_bytes: run?.stdoutBytes ?? 0,
    stderr_bytes: run?.stderrBytes ?? 0,
  };
  if (planned.after.length) timing.after = [...planned.after];
  const skipped = planned.skip ?? report.skipped;
  if (skipped) timing.skipped = skipped;
  if (report.background) timing.background = true;
  const error = errorOf(report);
  if (error) timing.error = error;
  const handler = planned.handler;
  const start = handler.type === 'module' ? 'in-process' : handler.type === 'http' ? 'http' : run?.start;
  if (start && run) timing.start = start;
  const interpreter = handler.type === 'command' ? interpreterOf(handler) : undefined;
  if (interpreter) timing.interpreter = interpreter;
  return timing;
}

export interface RecordFields {
  readonly runId: string;
  readonly startedAt: Date;
  readonly event: string;
  readonly sessionId?: string;
  readonly target?: string;
  readonly source: HookRunRecord['source'];
  readonly wallMs: number;
  readonly reports: readonly HookReport[];
}

/** The hook-monitor record of one run (hooks in config order; no prompt text, no tool input). */
export function buildRecord(fields: RecordFields): HookRunRecord {
  return {
    v: 1,
    run_id: fields.runId,
    ts: fields.startedAt.toISOString(),
    event: fields.event,
    ...(fields.sessionId ? { session_id: fields.sessionId } : {}),
    ...(fields.target === undefined ? {} : { target: fields.target }),
    source: fields.source,
    wall_ms: round(fields.wallMs),
    hooks: fields.reports.map(hookTiming),
  };
}

/** Records a run in which no hook matched (hook-monitor counts events and the executor's own cost). */
export function recordEmptyRun(event: string, input: HookInput, startedAt: Date, t0: number, record: (run: HookRunRecord) => void = recordRun): void {
  const target = matchTarget(event, input);
  record(
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
