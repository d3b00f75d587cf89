// The store record contract shared with hook-executor (see notes/contracts.md).
// The record has no room for prompt text, tool input or hook output on purpose (privacy);
// the only exception is the opt-in, truncated `input` (HOOK_MONITOR_STORE_INPUT=1).

/** What a hook decided, as hook-executor understood its output. */
export type HookDecision = 'allow' | 'deny' | 'ask' | 'defer' | 'block' | 'continue_false' | 'context' | 'none';

/**
 * How a hook was started: a process spawned for it; under `serve`, a warm shell or a pre-started
 * interpreter; a module hook in the executor's process; an http call.
 */
export type HookStart = 'spawned' | 'warm-shell' | 'pre-started' | 'in-process' | 'http';

/** Where a record came from (`transcript`: imported from a Claude Code session transcript by `hook-monitor import`). */
export type RecordSource = 'run' | 'serve' | 'wrap' | 'transcript';

/** One executor run of one event: every hook it ran, on one time axis. */
export interface HookRunRecord {
  v: 1;
  /** Unique per executor run. */
  run_id: string;
  /** ISO time the run started. */
  ts: string;
  /** e.g. 'UserPromptSubmit'. */
  event: string;
  session_id?: string;
  /** What the matcher saw (tool_name, source…), never tool input or prompt text. */
  target?: string;
  source: RecordSource;
  /** Wall clock of the whole run in ms (never a sum of parallel hooks). */
  wall_ms: number;
  /** In config order. */
  hooks: HookTiming[];
  /**
   * The hook input JSON, truncated to `maxInputChars`. Written ONLY when the user opted in
   * (`HOOK_MONITOR_STORE_INPUT=1` or `recordRun(…, { storeInput: true })`); dropped otherwise.
   */
  input?: string;
}

export interface HookTiming {
  id: string;
  /** Dependencies, for the critical path. */
  after?: string[];
  /** Offset in ms from the run's start. */
  start_ms: number;
  end_ms: number;
  /** null when killed, timed out or not a process. */
  exit_code: number | null;
  timed_out: boolean;
  decision?: HookDecision;
  stdout_bytes: number;
  stderr_bytes: number;
  /** Why it did not run (dependency failed, cancelled…). */
  skipped?: string;
  background?: boolean;
  /** Short reason for a crash ('spawn ENOENT', 'exit 1'…). */
  error?: string;
  /** How it was started (absent in records of older executors). */
  start?: HookStart;
  /** The interpreter its command line runs, when python or node: what a pre-started interpreter or a module hook would save. */
  interpreter?: 'python' | 'node';
}
