// What hook-executor knows about each Claude Code event (spec claude-code-hooks.md §1.2, §4).
import type { HookInput } from './types.js';

/** What a child hook's exit 2 means for an event (spec §4.1). */
export type Exit2Meaning =
  /** PreToolUse: a deny whose reason (stderr) goes to Claude. */
  | 'deny'
  /** A blocking error: block / feedback with stderr as the reason. */
  | 'block'
  /** Shown to the user only; nothing is blocked. */
  | 'user'
  /** Ignored by Claude Code. */
  | 'ignored'
  /** WorktreeCreate: any non-zero exit fails the operation. */
  | 'fail';

/** How the executor tells Claude Code about a block (spec §4.2; see the README's strategy table). */
export type BlockChannel = 'json' | 'exit2' | 'none';

export interface EventSpec {
  readonly name: string;
  /** Field of the input the matcher filters on; undefined = the event has no matcher support. */
  readonly matcherField?: string;
  /** Exact names allow only [A-Za-z0-9_|] (FileChanged, StopFailure) instead of [A-Za-z0-9_ ,|-]. */
  readonly strictExactSet?: boolean;
  /** Default per-hook timeout in seconds. */
  readonly defaultTimeoutS: number;
  /** Plain stdout on exit 0 becomes context for Claude. */
  readonly plainStdoutIsContext: boolean;
  readonly exit2: Exit2Meaning;
  /** How a merged block is emitted. */
  readonly blockVia: BlockChannel;
  /** Top-level `decision: "block"` is valid. */
  readonly decisionBlock: boolean;
  /** `hookSpecificOutput` fields Claude Code reads for this event (besides hookEventName). */
  readonly specificFields: readonly string[];
  /** Claude Code reads `continue` / `stopReason` / `systemMessage` for this event. */
  readonly universal: boolean;
  /** `if` rules are evaluated (on other events a handler with `if` never runs). */
  readonly ifRules: boolean;
}

const TOOL = 'tool_name';

function spec(name: string, fields: Partial<EventSpec> & Pick<EventSpec, 'exit2'>): EventSpec {
  return {
    name,
    defaultTimeoutS: 600,
    plainStdoutIsContext: false,
    blockVia: fields.exit2 === 'block' ? 'json' : 'none',
    decisionBlock: false,
    specificFields: [],
    universal: true,
    ifRules: false,
    ...fields,
  };
}

const ctx = ['additionalContext'];

const table: readonly EventSpec[] = [
  spec('PreToolUse', {
    matcherField: TOOL,
    exit2: 'deny',
    blockVia: 'json',
    ifRules: true,
    specificFields: ['permissionDecision', 'permissionDecisionReason', 'updatedInput', 'additionalContext'],
  }),
  spec('PostToolUse', {
    matcherField: TOOL,
    exit2: 'block',
    decisionBlock: true,
    ifRules: true,
    specificFields: ['additionalContext', 'updatedToolOutput', 'updatedMCPToolOutput', 'classifierContext'],
  }),
  spec('PostToolUseFailure', { matcherField: TOOL, exit2: 'block', decisionBlock: true, ifRules: true, specificFields: ctx }),
  spec('PermissionRequest', { matcherField: TOOL, exit2: 'ignored', ifRules: true, specificFields: ['decision'] }),
  spec('PermissionDenied', { matcherField: TOOL, exit2: 'ignored', ifRules: true, specificFields: ['retry'] }),
  spec('PostToolBatch', { exit2: 'block', decisionBlock: true, specificFields: ctx }),
  spec('UserPromptSubmit', {
    exit2: 'block',
    decisionBlock: true,
    defaultTimeoutS: 30,
    plainStdoutIsContext: true,
    specificFields: ['additionalContext', 'sessionTitle', 'suppressOriginalPrompt'],
  }),
  spec('UserPromptExpansion', {
    matcherField: 'command_name',
    exit2: 'block',
    decisionBlock: true,
    plainStdoutIsContext: true,
    specificFields: ctx,
  }),
  spec('SessionStart', {
    matcherField: 'source',
    exit2: 'user',
    plainStdoutIsContext: true,
    specificFields: ['additionalContext', 'initialUserMessage', 'sessionTitle', 'watchPaths', 'reloadSkills'],
  }),
  spec('Setup', { matcherField: 'trigger', exit2: 'user', specificFields: ctx }),
  // SessionEnd hooks share a 1.5 s budget (see session-end-budget in config/timeouts.ts).
  spec('SessionEnd', { matcherField: 'reason', exit2: 'user', universal: false, defaultTimeoutS: 1.5 }),
  spec('Notification', { matcherField: 'notification_type', exit2: 'ignored', universal: false }),
  spec('SubagentStart', { matcherField: 'agent_type', exit2: 'user', specificFields: ctx }),
  spec('SubagentStop', { matcherField: 'agent_type', exit2: 'block', decisionBlock: true, specificFields: ctx }),
  spec('Stop', { exit2: 'block', decisionBlock: true, specificFields: ctx }),
  spec('PreCompact', { matcherField: 'trigger', exit2: 'block', decisionBlock: true, universal: false }),
  spec('PostCompact', { matcherField: 'trigger', exit2: 'user', universal: false }),
  spec('ConfigChange', { matcherField: 'source', exit2: 'block', decisionBlock: true, universal: false }),
  spec('InstructionsLoaded', { matcherField: 'load_reason', exit2: 'ignored', universal: false }),
  spec('Elicitation', { matcherField: 'mcp_server_name', exit2: 'block', blockVia: 'exit2', specificFields: ['action', 'content'] }),
  spec('ElicitationResult', {
    matcherField: 'mcp_server_name',
    exit2: 'block',
    blockVia: 'exit2',
    specificFields: ['action', 'content'],
  }),
  spec('StopFailure', { matcherField: 'error', strictExactSet: true, exit2: 'ignored', universal: false }),
  spec('FileChanged', { matcherField: 'file_path', strictExactSet: true, exit2: 'user', specificFields: ['watchPaths'] }),
  spec('CwdChanged', { exit2: 'user', specificFields: ['watchPaths'] }),
  spec('DirectoryAdded', { matcherField: 'source', exit2: 'user' }),
  spec('TeammateIdle', { exit2: 'block', blockVia: 'exit2' }),
  spec('TaskCreated', { exit2: 'block', decisionBlock: true }),
  spec('TaskCompleted', { exit2: 'block', blockVia: 'exit2' }),
  spec('WorktreeCreate', { exit2: 'fail', specificFields: ['worktreePath'] }),
  spec('WorktreeRemove', { exit2: 'ignored' }),
  spec('MessageDisplay', { exit2: 'ignored', universal: false, defaultTimeoutS: 10, specificFields: ['displayContent'] }),
];

const byName = new Map(table.map((s) => [s.name, s]));

/** Every event Claude Code documents, in the spec's order. */
export const KNOWN_EVENTS: readonly string[] = table.map((s) => s.name);

/**
 * The spec of an event. Unknown (newer) events get a conservative default: matcher ignored,
 * a child's exit 2 passed on as the executor's exit 2, universal fields only.
 */
export function eventSpec(name: string): EventSpec {
  return byName.get(name) ?? spec(name, { exit2: 'block', blockVia: 'exit2' });
}

export function isKnownEvent(name: string): boolean {
  return byName.has(name);
}

/** What the event's matcher filters on (tool_name, source…); undefined when the event has no matcher. */
export function matchTarget(event: string, input: HookInput): string | undefined {
  const field = eventSpec(event).matcherField;
  if (field === undefined) return undefined;
  const value = input[field];
  if (event === 'FileChanged' && typeof value === 'string') {
    // FileChanged matchers list file names to watch.
    const slash = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
    return value.slice(slash + 1);
  }
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
    return (value as { type: string }).type; // StopFailure's error may be an object
  }
  return '';
}
