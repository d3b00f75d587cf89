import type { HookTiming } from './types.js';

/** How one hook of one run ended, as the report, waterfall and HTML show it. */
export type HookStatus = 'ok' | 'block' | 'failed' | 'timeout' | 'skipped';

export function hookStatus(hook: HookTiming): HookStatus {
  if (hook.skipped !== undefined) return 'skipped';
  if (hook.timed_out) return 'timeout';
  if (hook.exit_code === 2 || hook.decision === 'block' || hook.decision === 'deny' || hook.decision === 'continue_false') {
    return 'block';
  }
  // exit 2 is Claude Code's "block"; any other non-zero exit, or a crash with no exit code, is a failure.
  // A null exit code with no error is a hook that is not a process (module/http hook).
  if (hook.exit_code === null ? hook.error !== undefined : hook.exit_code !== 0) return 'failed';
  return 'ok';
}

export function hookDuration(hook: HookTiming): number {
  return Math.max(0, hook.end_ms - hook.start_ms);
}

/** Whether the hook changed anything Claude sees: a decision, a block, or output (context). */
export function hookHadEffect(hook: HookTiming): boolean {
  return (
    hook.exit_code === 2 ||
    (hook.decision !== undefined && hook.decision !== 'none') ||
    hook.stdout_bytes > 0
  );
}
