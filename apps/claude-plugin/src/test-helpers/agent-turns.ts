// A fake-model script that launches subagents. Subagents talk to the same fake API, so each turn
// is a function: a request whose first message is a subagent's task gets a short answer, the main
// conversation gets the scripted turn.
import type { RecordedRequest, ScriptedTurn, Turn } from '@fanout/claude-e2e';

export const SUBAGENT_TASK = 'SUBAGENT-TASK';

function firstUserText(request: RecordedRequest): string {
  const first = (request.body as { messages?: { content?: unknown }[] } | undefined)?.messages?.[0];
  const content = first?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((b: { text?: unknown }) => (typeof b.text === 'string' ? b.text : '')).join('\n') : '';
}

export function isSubagentRequest(request: RecordedRequest): boolean {
  return firstUserText(request).includes(SUBAGENT_TASK);
}

export function isMainRequest(request: RecordedRequest): boolean {
  return !isSubagentRequest(request);
}

/** One `Agent` tool call whose subagent just answers. */
export function agentCall(n: number): { name: string; input: Record<string, unknown> } {
  return { name: 'Agent', input: { description: `task ${n}`, prompt: `${SUBAGENT_TASK} ${n}: say hi`, subagent_type: 'general-purpose' } };
}

/** The main conversation's turns, each answered with `subagent done` when a subagent asks. */
export function withSubagents(main: readonly ScriptedTurn[]): Turn[] {
  const turns = main.map((turn): Turn => (request) => (isSubagentRequest(request) ? { text: 'subagent done' } : turn));
  // A subagent asking past the script's end still gets its answer.
  turns.push((request) => (isSubagentRequest(request) ? { text: 'subagent done' } : { text: 'unexpected extra turn' }));
  return turns;
}
