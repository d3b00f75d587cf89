// Guard: subagents launched one per message, each after the previous one returned, where one
// message could have launched them together (spec §5 "Detecting launches").
import { currentTurn, readTranscriptTail } from './transcript.js';

type Json = Record<string, unknown>;

export const GUARD_MARK = 'hook-executor sequential-agents';

export interface SequentialVerdict {
  /** Single-agent messages earlier in this turn whose result had arrived before the next launch. */
  readonly earlierSingles: number;
  /** The launch being checked is already one of several in its message. */
  readonly alreadyParallel: boolean;
  /** We already denied a launch in this turn and this is the retry (let it through). */
  readonly retryAfterDeny: boolean;
  readonly sequential: boolean;
}

/** Judges the launch described by a PreToolUse input against the transcript lines. */
export function judgeLaunch(lines: readonly Json[], toolUseId: string | undefined): SequentialVerdict {
  const { messages, results } = currentTurn(lines);
  const current = toolUseId === undefined ? undefined : messages.find((m) => m.agentLaunches.includes(toolUseId));
  const alreadyParallel = (current?.agentLaunches.length ?? 0) >= 2;
  let earlierSingles = 0;
  for (const message of messages) {
    if (message === current || message.agentLaunches.length === 0) continue;
    const single = message.agentLaunches.length === 1;
    const returned = message.agentLaunches.every((id) => results.has(id));
    if (single && returned) earlierSingles++;
  }
  const denied = [...results.values()].some((text) => text.includes(GUARD_MARK));
  const lastLaunch = [...messages].reverse().find((m) => m !== current && m.agentLaunches.length > 0);
  const retryAfterDeny = denied && lastLaunch !== undefined && lastLaunch.agentLaunches.some((id) => results.get(id)?.includes(GUARD_MARK));
  return { earlierSingles, alreadyParallel, retryAfterDeny, sequential: !alreadyParallel && earlierSingles >= 1 };
}

function advice(n: number): string {
  return (
    `This is subagent launch number ${n + 1} in this turn, each launched alone in its own message after the previous one ` +
    'returned, so they run one after another. When agents do not need each other\'s results, launch them together: ' +
    'put all of the independent Agent tool calls in ONE assistant message (several tool_use blocks side by side in the ' +
    'same response); they then run in parallel.'
  );
}

/** The hook's stdout for a PreToolUse input (empty when there is nothing to say). */
export function sequentialAgentsOutput(input: Json, block: boolean): string {
  const toolName = String(input.tool_name ?? '');
  if (toolName !== 'Agent' && toolName !== 'Task') return '';
  const transcript = input.transcript_path;
  if (typeof transcript !== 'string') return '';
  const verdict = judgeLaunch(readTranscriptTail(transcript), typeof input.tool_use_id === 'string' ? input.tool_use_id : undefined);
  if (!verdict.sequential) return '';
  if (block && !verdict.retryAfterDeny) {
    const reason =
      `[${GUARD_MARK}] Blocked: ${advice(verdict.earlierSingles)} Retry now with every remaining independent agent in a ` +
      'single message. If this agent really needs the previous agent\'s result, repeat this same call and it will be allowed.';
    return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } });
  }
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: `[${GUARD_MARK}] ${advice(verdict.earlierSingles)}` } });
}
