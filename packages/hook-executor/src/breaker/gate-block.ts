// Under `failClosed`, a gate whose breaker is open answers for itself: it blocks, with the one-line
// reason, the way the event lets a hook block (exit 2; PermissionRequest: a deny decision).
import type { HookOutcome } from '../result/outcome.js';
import type { HandlerRun } from '../types.js';

export async function gateBlockOutcome(event: string, id: string, reason: string, timeoutMs: number): Promise<HookOutcome> {
  const { interpretRun } = await import('../result/interpret.js');
  const permission = event === 'PermissionRequest';
  const stdout = permission ? JSON.stringify({ hookSpecificOutput: { hookEventName: event, decision: { behavior: 'deny', message: reason } } }) : '';
  const run: HandlerRun = {
    exitCode: permission ? 0 : 2,
    timedOut: false,
    cancelled: false,
    stdout,
    stderr: permission ? '' : `${reason}\n`,
    stdoutBytes: stdout.length,
    stderrBytes: permission ? 0 : reason.length + 1,
    stdoutTruncated: false,
  };
  // No command label: the reason is the executor's, not the hook's stderr.
  return interpretRun(event, id, run, timeoutMs, {});
}
