// Merging every hook's outcome the way Claude Code would, but deterministically: always in config
// order, never completion order.
import type { PermissionDecision } from '../types.js';
import type { BlockOutcome, HookOutcome, PermissionRequestDecision } from './outcome.js';

const SEVERITY: Record<PermissionDecision, number> = { deny: 4, defer: 3, ask: 2, allow: 1 };
const ELICITATION: Record<string, number> = { cancel: 3, decline: 2, accept: 1 };

export interface MergedResult {
  readonly event: string;
  /** PreToolUse: deny > defer > ask > allow, with the reasons of the winning decision. */
  readonly permission?: { readonly decision: PermissionDecision; readonly reasons: readonly string[] };
  /** Blocks in config order (exit 2 and `decision: "block"`). */
  readonly blocks: readonly BlockOutcome[];
  /** Contexts in config order. */
  readonly contexts: readonly { readonly text: string; readonly plain: boolean }[];
  readonly systemMessages: readonly string[];
  /** Exit-2 stderr meant for the user only (SessionStart, SessionEnd…). */
  readonly userMessages: readonly string[];
  /** Problems to report: timeouts, crashes, non-blocking errors. */
  readonly notices: readonly string[];
  /** `continue: false` from any hook, with the stop reasons in config order. */
  readonly stop?: { readonly stopReasons: readonly string[] };
  /** PreToolUse: the final tool input along the graph (see pipeline.ts). */
  readonly updatedInput?: Record<string, unknown>;
  readonly permissionRequest?: PermissionRequestDecision;
  /** Other event-specific fields, merged per field. */
  readonly specific: Readonly<Record<string, unknown>>;
  readonly terminalSequence?: string;
  /** WorktreeCreate. */
  readonly failed: boolean;
  readonly worktreePath?: string;
}

function mergePermission(outcomes: readonly HookOutcome[]): MergedResult['permission'] {
  let winner: PermissionDecision | undefined;
  for (const o of outcomes) if (o.permission && (!winner || SEVERITY[o.permission] > SEVERITY[winner])) winner = o.permission;
  if (!winner) return undefined;
  const reasons = outcomes.filter((o) => o.permission === winner && o.permissionReason).map((o) => o.permissionReason!);
  return { decision: winner, reasons };
}

function mergePermissionRequest(outcomes: readonly HookOutcome[]): PermissionRequestDecision | undefined {
  const decisions = outcomes.flatMap((o) => (o.permissionRequest ? [o.permissionRequest] : []));
  if (decisions.length === 0) return undefined;
  const denies = decisions.filter((d) => d.behavior === 'deny');
  if (denies.length > 0) {
    const message = denies.flatMap((d) => (d.message ? [d.message] : [])).join('\n');
    return { behavior: 'deny', ...(message ? { message } : {}), ...(denies.some((d) => d.interrupt) ? { interrupt: true } : {}) };
  }
  let updatedInput: Record<string, unknown> | undefined;
  const updatedPermissions: unknown[] = [];
  for (const d of decisions) {
    if (d.updatedInput) updatedInput = d.updatedInput; // the last in config order, as if applied one after another
    if (Array.isArray(d.updatedPermissions)) updatedPermissions.push(...d.updatedPermissions);
  }
  return {
    behavior: 'allow',
    ...(updatedInput ? { updatedInput } : {}),
    ...(updatedPermissions.length ? { updatedPermissions } : {}),
  };
}

/** Per-field rules for event-specific outputs (single values: the last in config order wins). */
function mergeSpecific(outcomes: readonly HookOutcome[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const watch: string[] = [];
  const classifier: string[] = [];
  for (const o of outcomes) {
    for (const [key, value] of Object.entries(o.specific ?? {})) {
      if (key === 'watchPaths' && Array.isArray(value)) {
        for (const p of value) if (typeof p === 'string' && !watch.includes(p)) watch.push(p);
      } else if (key === 'classifierContext' && typeof value === 'string') {
        classifier.push(value);
      } else if (key === 'suppressOriginalPrompt' || key === 'reloadSkills' || key === 'retry') {
        out[key] = out[key] === true || value === true;
      } else if (key === 'action' && typeof value === 'string') {
        if (out.action === undefined || (ELICITATION[value] ?? 0) > (ELICITATION[out.action as string] ?? 0)) {
          out.action = value;
          if (o.specific?.content !== undefined) out.content = o.specific.content;
          else delete out.content;
        } else if (value === out.action && o.specific?.content !== undefined) {
          out.content = o.specific.content;
        }
      } else if (key !== 'content') {
        out[key] = value;
      }
    }
  }
  if (watch.length) out.watchPaths = watch;
  if (classifier.length) out.classifierContext = classifier.join('\n');
  return out;
}

/** Merges outcomes given in config order. `updatedInput` comes from the graph, not from here. */
export function mergeOutcomes(event: string, outcomes: readonly HookOutcome[], updatedInput?: Record<string, unknown>): MergedResult {
  const texts = (pick: (o: HookOutcome) => string | undefined) => outcomes.flatMap((o) => { const t = pick(o); return t ? [t] : []; });
  const stops = outcomes.filter((o) => o.stop);
  const permission = mergePermission(outcomes);
  const permissionRequest = mergePermissionRequest(outcomes);
  const terminal = texts((o) => o.terminalSequence).join('');
  const worktree = texts((o) => o.worktreePath);
  return {
    event,
    ...(permission ? { permission } : {}),
    blocks: outcomes.flatMap((o) => (o.block ? [o.block] : [])),
    contexts: outcomes.flatMap((o) => (o.context ? [{ text: o.context, plain: o.plainContext === true }] : [])),
    systemMessages: texts((o) => o.systemMessage),
    userMessages: texts((o) => o.userMessage),
    notices: texts((o) => o.notice),
    ...(stops.length ? { stop: { stopReasons: stops.flatMap((o) => (o.stop?.stopReason ? [o.stop.stopReason] : [])) } } : {}),
    ...(updatedInput ? { updatedInput } : {}),
    ...(permissionRequest ? { permissionRequest } : {}),
    specific: mergeSpecific(outcomes),
    ...(terminal ? { terminalSequence: terminal } : {}),
    failed: outcomes.some((o) => o.failed),
    ...(worktree.length ? { worktreePath: worktree[worktree.length - 1]! } : {}),
  };
}
