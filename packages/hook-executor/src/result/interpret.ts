import { eventSpec } from '../events.js';
import type { HandlerRun, HookDecision, PermissionDecision } from '../types.js';
import type { HookOutcome, PermissionRequestDecision } from './outcome.js';
import { outputProblem } from './validate-output.js';

type Json = Record<string, unknown>;

/** Stdout parsed as Claude Code does: JSON only if it starts with `{` and parses to an object. */
export function parseStdout(stdout: string): Json | undefined {
  if (!stdout.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(stdout);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function decisionOf(o: Omit<HookOutcome, 'decision'>): HookDecision {
  if (o.stop) return 'continue_false';
  if (o.block) return 'block';
  if (o.permission) return o.permission;
  if (o.permissionRequest) return o.permissionRequest.behavior;
  if (o.context) return 'context';
  return 'none';
}

function done(o: Omit<HookOutcome, 'decision'>): HookOutcome {
  return { ...o, decision: decisionOf(o) };
}

/** Reads a parsed JSON output into an outcome (fields Claude Code ignores for the event are dropped later). */
function fromJson(event: string, id: string, json: Json): HookOutcome {
  const spec = eventSpec(event);
  const problem = outputProblem(event, json);
  if (problem) return done({ id, notice: `${id}: hook error: invalid JSON output (${problem}); its output was ignored` });
  const o: { -readonly [K in keyof HookOutcome]?: HookOutcome[K] } = { id };
  if (json.continue === false) o.stop = str(json.stopReason) === undefined ? {} : { stopReason: json.stopReason as string };
  if (str(json.systemMessage)) o.systemMessage = json.systemMessage as string;
  if (str(json.terminalSequence)) o.terminalSequence = json.terminalSequence as string;
  const reason = str(json.reason);
  if (json.decision === 'block' && spec.decisionBlock) o.block = { reason: reason ?? '', via: 'json' };
  const hso = (json.hookSpecificOutput ?? {}) as Json;
  if (event === 'PreToolUse') {
    // The deprecated top-level approve/block map to allow/deny.
    const legacy = json.decision === 'approve' ? 'allow' : json.decision === 'block' ? 'deny' : undefined;
    const decision = (str(hso.permissionDecision) as PermissionDecision | undefined) ?? legacy;
    if (decision) o.permission = decision;
    const why = str(hso.permissionDecisionReason) ?? (legacy ? reason : undefined);
    if (why !== undefined) o.permissionReason = why;
    if (hso.updatedInput) o.updatedInput = hso.updatedInput as Json;
  }
  if (event === 'PermissionRequest' && hso.decision) o.permissionRequest = hso.decision as PermissionRequestDecision;
  if (str(hso.additionalContext) && spec.specificFields.includes('additionalContext')) o.context = hso.additionalContext as string;
  const specific: Json = {};
  for (const key of spec.specificFields) {
    if (hso[key] !== undefined && !['additionalContext', 'permissionDecision', 'permissionDecisionReason', 'updatedInput', 'decision'].includes(key)) {
      specific[key] = hso[key];
    }
  }
  if (Object.keys(specific).length > 0) o.specific = specific;
  if (event === 'WorktreeCreate' && str(hso.worktreePath)) o.worktreePath = hso.worktreePath as string;
  return done(o as Omit<HookOutcome, 'decision'>);
}

/** How Claude Code names a hook in its own messages. */
export interface HookLabel {
  /** The hook's command (`[command]: stderr` in exit-2 messages). */
  readonly command?: string;
  /** PreToolUse: the tool, for the native `PreToolUse:<tool> hook error:` framing. */
  readonly toolName?: string;
}

/**
 * A blocking exit 2, per the event's meaning of it (spec §4.1). Where Claude Code's own framing of
 * an exit-2 message is known (observed with 2.1.197), it is rebuilt, so that the text that reaches
 * Claude or the user is the same as with the hook registered directly: PreToolUse
 * `PreToolUse:<tool> hook error: [<command>]: <stderr>`, UserPromptSubmit `[<command>]: <stderr>`.
 */
function fromExit2(event: string, id: string, run: HandlerRun, label: HookLabel): HookOutcome {
  const json = parseStdout(run.stdout);
  const jsonReason = json && (str(json.reason) ?? str((json.hookSpecificOutput as Json | undefined)?.permissionDecisionReason));
  const stderr = run.stderr.trim();
  const reason = jsonReason || stderr || `blocked by ${id} (exit 2, no stderr)`;
  const framed = !jsonReason && stderr !== '' && label.command !== undefined;
  switch (eventSpec(event).exit2) {
    case 'deny':
      return done({
        id,
        permission: 'deny',
        permissionReason: framed ? `${event}:${label.toolName ?? ''} hook error: [${label.command}]: ${run.stderr}` : reason,
      });
    case 'block':
      return done({ id, block: { reason, via: jsonReason ? 'json' : 'exit2', ...(framed ? { label: label.command!, raw: run.stderr } : {}) } });
    case 'user':
      return done({ id, userMessage: reason });
    case 'fail':
      return done({ id, failed: true, notice: `${id}: failed with exit 2: ${firstLine(run.stderr)}` });
    case 'ignored':
      return done({ id });
  }
}

/**
 * Interprets one handler's run for `event` exactly as Claude Code reads a hook's exit code and output.
 * @param label how Claude Code would name the hook in an exit-2 message
 */
export function interpretRun(event: string, id: string, run: HandlerRun, timeoutMs: number, label: HookLabel = {}): HookOutcome {
  const spec = eventSpec(event);
  if (run.cancelled && !run.timedOut) return done({ id });
  if (run.timedOut)
    return done({ id, notice: `${id}: timed out after ${seconds(timeoutMs)}; it gave no decision`, ...(event === 'WorktreeCreate' ? { failed: true } : {}) });
  if (run.error !== undefined)
    return done({ id, notice: `${id}: could not run (${run.error}); it gave no decision`, ...(event === 'WorktreeCreate' ? { failed: true } : {}) });
  if (run.crash !== undefined)
    return done({ id, notice: `${id}: crashed (${run.crash}); it gave no decision`, ...(event === 'WorktreeCreate' ? { failed: true } : {}) });
  if (run.exitCode === null) {
    return done({
      id,
      notice: `${id}: crashed (killed by ${run.signal ?? 'a signal'}); it gave no decision`,
      ...(event === 'WorktreeCreate' ? { failed: true } : {}),
    });
  }
  if (run.exitCode === 2) return fromExit2(event, id, run, label);
  const json = parseStdout(run.stdout);
  if (run.exitCode !== 0) {
    // Current Claude Code lets schema-valid JSON decide on any exit code; otherwise a notice.
    if (json && !outputProblem(event, json) && event !== 'WorktreeCreate') return fromJson(event, id, json);
    const detail = firstLine(run.stderr) || (run.status ? `HTTP ${run.status}` : 'no stderr');
    return done({
      id,
      notice: `${id}: failed with non-blocking status code ${run.exitCode}: ${detail}`,
      ...(event === 'WorktreeCreate' ? { failed: true } : {}),
    });
  }
  if (json) return fromJson(event, id, json);
  if (run.status !== undefined && run.stdout.trim() !== '') {
    // An http hook's 2xx body that is not JSON is an error to Claude Code (never context).
    return done({ id, notice: `${id}: hook error: HTTP ${run.status} body is not JSON; it gave no decision` });
  }
  if (event === 'WorktreeCreate') {
    const lines = run.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    const last = lines[lines.length - 1];
    return done({ id, ...(last === undefined ? {} : { worktreePath: last }) });
  }
  const text = run.stdout.trim();
  if (spec.plainStdoutIsContext && text !== '') return done({ id, context: text, plainContext: true });
  return done({ id });
}
