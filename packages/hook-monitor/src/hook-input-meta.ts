// Reads only names out of a hook's stdin JSON: the event, the session, and what the matcher sees.
// Never the prompt, the tool input or anything free-form.

const TARGET_FIELD: Record<string, string> = {
  PreToolUse: 'tool_name', PostToolUse: 'tool_name', PostToolUseFailure: 'tool_name',
  PermissionRequest: 'tool_name', PermissionDenied: 'tool_name',
  SessionStart: 'source', SessionEnd: 'reason', Setup: 'trigger', PreCompact: 'trigger', PostCompact: 'trigger',
  Notification: 'notification_type', SubagentStart: 'agent_type', SubagentStop: 'agent_type',
  InstructionsLoaded: 'load_reason',
};

export interface HookInputMeta {
  readonly event?: string;
  readonly sessionId?: string;
  readonly target?: string;
}

const NAME = /^[\w.:|/-]{1,100}$/;

export function hookInputMeta(stdin: string): HookInputMeta {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(stdin) as Record<string, unknown>;
  } catch {
    return {};
  }
  if (typeof input !== 'object' || input === null) return {};
  const event = typeof input.hook_event_name === 'string' && NAME.test(input.hook_event_name) ? input.hook_event_name : undefined;
  const sessionId = typeof input.session_id === 'string' && NAME.test(input.session_id) ? input.session_id : undefined;
  const field = event === undefined ? undefined : TARGET_FIELD[event];
  const raw = field === undefined ? undefined : input[field];
  // Only name-like values: a free-form string is never copied.
  const target = typeof raw === 'string' && NAME.test(raw) ? raw : undefined;
  return {
    ...(event === undefined ? {} : { event }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(target === undefined ? {} : { target }),
  };
}
