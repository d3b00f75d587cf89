const PERMISSION = new Set(['allow', 'deny', 'ask', 'defer']);

function typeProblem(obj: Record<string, unknown>, key: string, type: 'string' | 'boolean' | 'object'): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  const ok = type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === type;
  return ok ? undefined : `${key} must be a ${type}`;
}

/**
 * Why a hook's JSON output would fail Claude Code's schema check (making it a non-blocking
 * "hook error" whose output is ignored), or undefined when it is valid.
 */
export function outputProblem(event: string, output: Record<string, unknown>): string | undefined {
  for (const [key, type] of [
    ['continue', 'boolean'],
    ['suppressOutput', 'boolean'],
    ['stopReason', 'string'],
    ['systemMessage', 'string'],
    ['reason', 'string'],
    ['hookSpecificOutput', 'object'],
  ] as const) {
    const problem = typeProblem(output, key, type);
    if (problem) return problem;
  }
  const decision = output.decision;
  if (decision !== undefined) {
    const allowed = event === 'PreToolUse' ? ['approve', 'block'] : ['block', 'approve'];
    if (typeof decision !== 'string' || !allowed.includes(decision)) return `decision must be "block", got ${JSON.stringify(decision)}`;
  }
  const specific = output.hookSpecificOutput as Record<string, unknown> | undefined;
  if (specific === undefined) return undefined;
  if (specific.hookEventName !== event) {
    return `hookSpecificOutput.hookEventName must be "${event}", got ${JSON.stringify(specific.hookEventName)}`;
  }
  const pd = specific.permissionDecision;
  if (pd !== undefined && (event !== 'PreToolUse' || typeof pd !== 'string' || !PERMISSION.has(pd))) {
    return `hookSpecificOutput.permissionDecision must be allow, deny, ask or defer on PreToolUse, got ${JSON.stringify(pd)}`;
  }
  for (const [key, type] of [
    ['additionalContext', 'string'],
    ['permissionDecisionReason', 'string'],
    ['updatedInput', 'object'],
  ] as const) {
    const problem = typeProblem(specific, key, type);
    if (problem) return `hookSpecificOutput.${problem}`;
  }
  if (event === 'PermissionRequest' && specific.decision !== undefined) {
    const d = specific.decision as { behavior?: unknown } | null;
    if (typeof d !== 'object' || d === null || (d.behavior !== 'allow' && d.behavior !== 'deny')) {
      return 'hookSpecificOutput.decision.behavior must be "allow" or "deny"';
    }
  }
  return undefined;
}
