// What the fake Anthropic API answers, turn by turn, and the assistant message each
// scripted turn becomes (shared by the SSE and the plain JSON replies).
import type { RecordedRequest } from './recorded-request.js';

/** One tool call the fake model makes. `id` defaults to `toolu_fake_<turn>_<index>`. */
export interface ToolUseTurn {
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/**
 * One scripted model reply: optional text, then zero or more tool calls (several make a
 * parallel batch). `stopReason` defaults to `tool_use` when there are tool calls, else `end_turn`.
 * @example { toolUse: { name: 'Bash', input: { command: 'echo hi', description: 'say hi' } } }
 * @example { text: 'done' }
 */
export interface ScriptedTurn {
  readonly text?: string;
  readonly toolUse?: ToolUseTurn | readonly ToolUseTurn[];
  readonly stopReason?: string;
}

/** A turn, or a function choosing one from the request being answered. */
export type Turn = ScriptedTurn | ((request: RecordedRequest) => ScriptedTurn);

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Readonly<Record<string, unknown>> };

export interface AssistantMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: string;
  stop_sequence: null;
  usage: { input_tokens: number; output_tokens: number };
}

/**
 * The turn that answers a request: the number of assistant messages already in the
 * conversation. So a request whose last message carries a tool_result gets the next
 * turn, and a retried request gets the same turn again.
 */
export function turnIndexOf(body: unknown): number {
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages)) return 0;
  return messages.filter((m) => (m as { role?: unknown } | null)?.role === 'assistant').length;
}

export function assistantMessage(turn: ScriptedTurn, index: number, model: string): AssistantMessage {
  const content: ContentBlock[] = [];
  if (turn.text !== undefined) content.push({ type: 'text', text: turn.text });
  const toolUses = turn.toolUse === undefined ? [] : Array.isArray(turn.toolUse) ? turn.toolUse : [turn.toolUse as ToolUseTurn];
  toolUses.forEach((use, i) => {
    content.push({ type: 'tool_use', id: use.id ?? `toolu_fake_${index}_${i}`, name: use.name, input: use.input });
  });
  if (content.length === 0) content.push({ type: 'text', text: '' });
  return {
    id: `msg_fake_${index}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: turn.stopReason ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}
