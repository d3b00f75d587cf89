// Types shared by the run path, the merge and `serve`.
import type { HookStart } from '@fanout/hook-monitor';

/** The stdin JSON Claude Code gives a hook (fields vary per event). */
export type HookInput = Readonly<Record<string, unknown>>;

/** What a hook decided, as recorded for hook-monitor. */
export type HookDecision = 'allow' | 'deny' | 'ask' | 'defer' | 'block' | 'continue_false' | 'context' | 'none';

export type PermissionDecision = 'allow' | 'deny' | 'ask' | 'defer';

/** Raw result of running one handler (a process, an HTTP call or a module's function). */
export interface HandlerRun {
  /** null when the process was killed, timed out or never started. */
  readonly exitCode: number | null;
  readonly signal?: string | null;
  readonly timedOut: boolean;
  /** Killed because the run was cancelled (failFast, the executor being stopped). */
  readonly cancelled: boolean;
  /** Set when the handler could not run at all ('spawn ENOENT', 'ECONNREFUSED'…). */
  readonly error?: string;
  /** Module hooks: why the function failed ('threw Error: boom', 'worker exited'); reported like a crashed command. */
  readonly crash?: string;
  /** Captured text (bounded: the first `maxOutputBytes` of each stream). */
  readonly stdout: string;
  readonly stderr: string;
  /** Total bytes written, including what was not kept. */
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  readonly stdoutTruncated: boolean;
  /** HTTP hooks: the response status. */
  readonly status?: number;
  /** Command hooks: spawned, or taken from serve's warm shells or pre-started interpreters. */
  readonly start?: HookStart;
}
