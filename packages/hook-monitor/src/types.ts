// The store record contract shared with hook-executor (see notes/contracts.md).
// The record has no room for prompt text, tool input or hook output on purpose (privacy);
// the only exception is the opt-in, truncated `input` (HOOK_MONITOR_STORE_INPUT=1).

/** What a hook decided, as hook-executor understood its output. */
export type HookDecision = 'allow' | 'deny' | 'ask' | 'defer' | 'block' | 'continue_false' | 'context' | 'none';

/** Where a record came from. */
export type RecordSource = 'run' | 'serve' | 'wrap';

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
}
