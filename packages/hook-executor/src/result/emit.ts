// How the merged result is handed back to Claude Code, per event (the README's strategy table):
// exit 0 + JSON wherever JSON carries everything, exit 2 + stderr where only exit 2 works.
import { eventSpec } from '../events.js';
import type { MergedResult } from './merge.js';

/** What the executor prints and exits with. */
export interface EmittedOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Json = Record<string, unknown>;

const NOTHING: EmittedOutput = { exitCode: 0, stdout: '', stderr: '' };

function lines(list: readonly string[]): string {
  return list.join('\n');
}

/**
 * Block reasons joined in config order. A UserPromptSubmit exit 2 natively reads
 * `[<command>]: <stderr>` (stderr as written); the JSON block has no such tag, so exit-2 reasons get it back.
 */
function blockReason(merged: MergedResult): string {
  return lines(
    merged.blocks.map((b) => (merged.event === 'UserPromptSubmit' && b.label !== undefined ? `[${b.label}]: ${b.raw ?? b.reason}` : b.reason)),
  );
}

function userFacing(merged: MergedResult): string[] {
  return [...merged.systemMessages, ...merged.userMessages, ...merged.notices];
}

function json(body: Json): EmittedOutput {
  return Object.keys(body).length === 0 ? NOTHING : { exitCode: 0, stdout: `${JSON.stringify(body)}\n`, stderr: '' };
}

/** Plain stdout contexts only: printed as plain text so Claude Code labels them as it would natively. */
function plainOnly(merged: MergedResult, hasOther: boolean): EmittedOutput | undefined {
  if (hasOther || merged.contexts.length === 0 || merged.contexts.some((c) => !c.plain)) return undefined;
  const text = merged.contexts.map((c) => c.text).join('\n\n');
  if (text.trimStart().startsWith('{')) {
    try {
      JSON.parse(text);
      return undefined; // would be read as JSON: say it as JSON instead
    } catch {
      // plain text, as intended
    }
  }
  return { exitCode: 0, stdout: `${text}\n`, stderr: '' };
}

/** Turns a merged result into the executor's exit code, stdout and stderr. */
export function emitResult(merged: MergedResult): EmittedOutput {
  const event = merged.event;
  const spec = eventSpec(event);
  const messages = userFacing(merged);

  if (event === 'WorktreeCreate') {
    if (merged.failed) return { exitCode: 1, stdout: '', stderr: `${lines(merged.notices)}\n` };
    return merged.worktreePath ? { exitCode: 0, stdout: `${merged.worktreePath}\n`, stderr: '' } : NOTHING;
  }
  if (!spec.universal) {
    // continue/systemMessage are discarded here: exit-2 text for the user keeps its native channel.
    if (merged.userMessages.length) return { exitCode: 2, stdout: '', stderr: `${lines([...merged.userMessages, ...merged.notices])}\n` };
    if (spec.blockVia === 'json' && merged.blocks.length) return json({ decision: 'block', reason: blockReason(merged) });
    const specific = hookSpecific(merged);
    const out = json(specific ? { hookSpecificOutput: specific } : {});
    return merged.notices.length ? { ...out, stderr: `${lines(merged.notices)}\n` } : out;
  }

  const body: Json = {};
  if (merged.stop) {
    body.continue = false;
    if (merged.stop.stopReasons.length) body.stopReason = lines(merged.stop.stopReasons);
  }
  if (merged.blocks.length && spec.blockVia === 'exit2' && !merged.stop) {
    return { exitCode: 2, stdout: '', stderr: `${blockReason(merged)}\n` };
  }
  if (merged.blocks.length && spec.blockVia === 'json') {
    body.decision = 'block';
    body.reason = blockReason(merged);
  }
  if (messages.length) body.systemMessage = lines(messages);
  if (merged.terminalSequence) body.terminalSequence = merged.terminalSequence;
  const specific = hookSpecific(merged);
  if (specific) body.hookSpecificOutput = specific;

  const hasOther =
    Object.keys(body).some((k) => k !== 'hookSpecificOutput') || Object.keys(specific ?? {}).some((k) => k !== 'hookEventName' && k !== 'additionalContext');
  return plainOnly(merged, hasOther) ?? json(body);
}

/** `hookSpecificOutput` with only the fields Claude Code reads for this event; undefined if empty. */
function hookSpecific(merged: MergedResult): Json | undefined {
  const spec = eventSpec(merged.event);
  const out: Json = {};
  if (merged.event === 'PreToolUse') {
    if (merged.permission) {
      out.permissionDecision = merged.permission.decision;
      if (merged.permission.reasons.length) out.permissionDecisionReason = lines(merged.permission.reasons);
    }
    if (merged.updatedInput) out.updatedInput = merged.updatedInput;
  }
  if (merged.event === 'PermissionRequest' && merged.permissionRequest) out.decision = merged.permissionRequest;
  if (merged.contexts.length && spec.specificFields.includes('additionalContext')) {
    out.additionalContext = merged.contexts.map((c) => c.text).join('\n\n');
  }
  for (const [key, value] of Object.entries(merged.specific)) if (spec.specificFields.includes(key)) out[key] = value;
  return Object.keys(out).length ? { hookEventName: merged.event, ...out } : undefined;
}
