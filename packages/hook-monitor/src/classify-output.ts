import type { HookDecision } from './types.js';

// Events whose plain stdout Claude Code adds to the context.
const STDOUT_IS_CONTEXT = new Set(['UserPromptSubmit', 'SessionStart', 'UserPromptExpansion']);
const PERMISSION: Record<string, HookDecision> = { allow: 'allow', deny: 'deny', ask: 'ask', defer: 'defer', approve: 'allow', block: 'block' };

/**
 * What a hook's output told Claude Code, as one of the contract's decision labels. Only the label is
 * kept; the output itself is never stored.
 */
export function classifyOutput(event: string | undefined, exitCode: number | null, stdout: string): HookDecision {
  if (exitCode === 2) return 'block';
  if (exitCode !== 0) return 'none';
  const text = stdout.trim();
  if (text === '') return 'none';
  if (text.startsWith('{')) {
    let output: Record<string, unknown>;
    try {
      output = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return event !== undefined && STDOUT_IS_CONTEXT.has(event) ? 'context' : 'none';
    }
    if (output.continue === false) return 'continue_false';
    const specific = (output.hookSpecificOutput ?? {}) as Record<string, unknown>;
    const permission = specific.permissionDecision ?? (specific.decision as { behavior?: unknown } | undefined)?.behavior;
    if (typeof permission === 'string' && PERMISSION[permission]) return PERMISSION[permission]!;
    if (typeof output.decision === 'string' && PERMISSION[output.decision]) return PERMISSION[output.decision]!;
    if (typeof specific.additionalContext === 'string' && specific.additionalContext !== '') return 'context';
    return 'none';
  }
  return event !== undefined && STDOUT_IS_CONTEXT.has(event) ? 'context' : 'none';
}
