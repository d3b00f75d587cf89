// What `run` says with an exit code and two streams, said as an http hook's response: Claude Code
// reads an http hook's 2xx body as the hook's JSON output and has no exit code for it. So the
// channels `run` uses for Claude Code's command hooks are translated per event (the README's table):
// JSON passes through; plain-text contexts become `additionalContext` (a non-JSON body is an error
// to Claude Code, never context); an exit 2 becomes the event's JSON equivalent where there is one.
import { eventSpec } from '../events.js';
import { parseStdout } from '../result/interpret.js';
import type { EmittedOutput } from '../result/emit.js';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  /** What the http answer cannot carry (an exit 2 with no JSON equivalent on this event). */
  readonly lost?: string;
}

const EMPTY: HttpAnswer = { status: 200, body: '' };

function json(value: Record<string, unknown>): HttpAnswer {
  return { status: 200, body: JSON.stringify(value) };
}

export function httpAnswer(event: string, out: EmittedOutput): HttpAnswer {
  const spec = eventSpec(event);
  const specific = (fields: Record<string, unknown>) => json({ hookSpecificOutput: { hookEventName: event, ...fields } });
  if (event === 'WorktreeCreate') {
    // Any failure fails the worktree: an error status is what an http hook has for it.
    if (out.exitCode !== 0) return { status: 500, body: JSON.stringify({ error: out.stderr.trim() }) };
    const worktreePath = out.stdout.trim();
    return worktreePath ? specific({ worktreePath }) : EMPTY;
  }
  if (out.exitCode === 0) {
    if (out.stdout.trim() === '') return EMPTY;
    if (parseStdout(out.stdout)) return { status: 200, body: out.stdout.trimEnd() };
    // Plain stdout that Claude Code would take as context from a command hook.
    return spec.specificFields.includes('additionalContext') ? specific({ additionalContext: out.stdout.trim() }) : EMPTY;
  }
  const reason = out.stderr.trim();
  if (out.exitCode !== 2) return spec.universal ? json({ systemMessage: reason }) : EMPTY; // a non-blocking failure: tell the user
  const lost = { ...(spec.universal ? json({ systemMessage: reason }) : EMPTY), lost: `exit 2 (${event} has no JSON equivalent)` };
  switch (spec.exit2) {
    case 'deny':
      return specific({ permissionDecision: 'deny', permissionDecisionReason: reason });
    case 'ignored':
      return EMPTY;
    case 'user':
      return spec.universal ? json({ systemMessage: reason }) : lost;
    case 'fail':
      return lost;
    case 'block':
      if (event === 'Elicitation' || event === 'ElicitationResult') return specific({ action: 'decline' });
      return spec.decisionBlock ? json({ decision: 'block', reason }) : lost;
  }
}
