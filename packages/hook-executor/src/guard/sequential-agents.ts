// Guard: subagents launched one per message, each after the previous one returned, where one
// message could have launched them together (spec §5 "Detecting launches").
//
// The transcript lags (observed with 2.1.197): at PreToolUse time of a launch in a new message,
// neither that message nor the previous launch's tool_result is written yet, while the lines of a
// message launching several agents at once are. So an earlier main-line message that launched a
// single agent counts as a sequential launch whether or not its result is visible yet; a launch
// found in a message with other launches is parallel. A message can only follow once the previous
// message's tool results were sent, so "a later message" already means "after it returned".
import { readState, stateFile, writeState } from './state-file.js';
import { currentTurn, readTranscriptTail } from './transcript.js';

type Json = Record<string, unknown>;

export const GUARD_MARK = 'hook-executor sequential-agents';

export interface SequentialVerdict {
  /** Single-agent messages earlier in this turn (not the launch's own message). */
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
  const earlierSingles = messages.filter((m) => m !== current && m.agentLaunches.length === 1).length;
  const denied = [...results.values()].some((text) => text.includes(GUARD_MARK));
  const lastLaunch = [...messages].reverse().find((m) => m !== current && m.agentLaunches.length > 0);
  const retryAfterDeny = denied && lastLaunch?.agentLaunches.some((id) => results.get(id)?.includes(GUARD_MARK)) === true;
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

/** What identifies the user's current turn: Claude Code's prompt_id, else the last prompt line. */
function turnKey(input: Json, lines: readonly Json[]): string {
  if (typeof input.prompt_id === 'string') return input.prompt_id;
  const prompt = [...lines].reverse().find((l) => l.type === 'user' && typeof (l.message as Json | undefined)?.content === 'string');
  return String(prompt?.uuid ?? prompt?.timestamp ?? 'unknown');
}

export function deniedStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return stateFile('sequential-agents', env);
}

/**
 * The hook's stdout for a PreToolUse input (empty when there is nothing to say). With `block`,
 * the first sequential launch of a turn is denied and remembered (per session, in a state file):
 * the retry, and later launches of the same turn, get the warning only.
 */
export function sequentialAgentsOutput(input: Json, block: boolean, state = deniedStateFile(), now = Date.now()): string {
  const toolName = String(input.tool_name ?? '');
  if (toolName !== 'Agent' && toolName !== 'Task') return '';
  const transcript = input.transcript_path;
  if (typeof transcript !== 'string') return '';
  const lines = readTranscriptTail(transcript);
  const verdict = judgeLaunch(lines, typeof input.tool_use_id === 'string' ? input.tool_use_id : undefined);
  if (!verdict.sequential) return '';
  const session = typeof input.session_id === 'string' ? input.session_id : 'unknown';
  const turn = turnKey(input, lines);
  const denials = block ? readState<{ at: number; turn: string }>(state) : {};
  if (block && !verdict.retryAfterDeny && denials[session]?.turn !== turn) {
    denials[session] = { at: now, turn };
    writeState(state, denials, now);
    const reason =
      `[${GUARD_MARK}] Blocked: ${advice(verdict.earlierSingles)} Retry now with every remaining independent agent in a ` +
      'single message. If this agent really needs the previous agent\'s result, repeat this same call and it will be allowed.';
    return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } });
  }
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: `[${GUARD_MARK}] ${advice(verdict.earlierSingles)}` } });
}
