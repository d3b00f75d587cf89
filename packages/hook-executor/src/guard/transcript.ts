// Reading a Claude Code transcript (JSONL; spec §5). The format is internal and may change, so
// everything here is defensive: unknown lines are skipped, never fatal.
import fs from 'node:fs';

type Json = Record<string, unknown>;

/** The last `maxBytes` of the transcript as parsed lines (a cut first line is dropped). */
export function readTranscriptTail(file: string, maxBytes = 512 * 1024): Json[] {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    const lines: Json[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value)) lines.push(value as Json);
      } catch {
        // a torn or foreign line
      }
    }
    return lines;
  } finally {
    fs.closeSync(fd);
  }
}

function content(line: Json): unknown[] {
  const c = (line.message as Json | undefined)?.content;
  return Array.isArray(c) ? c : [];
}

const AGENT_TOOLS = new Set(['Agent', 'Task']);

/** One assistant API message (its content blocks may span several lines). */
export interface AssistantMessage {
  readonly key: string;
  /** tool_use ids of the subagent launches in it. */
  readonly agentLaunches: string[];
}

export interface TurnView {
  /** Assistant messages since the user's last prompt, in order. */
  readonly messages: AssistantMessage[];
  /** tool_use ids whose tool_result has arrived, with the result text. */
  readonly results: Map<string, string>;
}

function isPrompt(line: Json): boolean {
  if (line.type !== 'user' || line.isSidechain === true || line.isMeta === true) return false;
  const c = (line.message as Json | undefined)?.content;
  if (typeof c === 'string') return !c.startsWith('<task-notification>');
  return Array.isArray(c) && !c.some((b) => (b as Json)?.type === 'tool_result') && c.some((b) => (b as Json)?.type === 'text');
}

function resultText(block: Json): string {
  const c = block.content;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((b) => (typeof (b as Json)?.text === 'string' ? (b as Json).text : '')).join('\n');
  return '';
}

/** The current turn of the main conversation (sidechains, i.e. subagents' own lines, left out). */
export function currentTurn(lines: readonly Json[]): TurnView {
  let from = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (isPrompt(lines[i]!)) {
      from = i + 1;
      break;
    }
  }
  const messages: AssistantMessage[] = [];
  const byKey = new Map<string, AssistantMessage>();
  const results = new Map<string, string>();
  for (const line of lines.slice(from)) {
    if (line.isSidechain === true) continue;
    if (line.type === 'assistant') {
      const message = line.message as Json | undefined;
      const key = String(message?.id ?? line.requestId ?? line.uuid ?? messages.length);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { key, agentLaunches: [] };
        byKey.set(key, entry);
        messages.push(entry);
      }
      for (const block of content(line) as Json[]) {
        if (block?.type === 'tool_use' && AGENT_TOOLS.has(String(block.name)) && typeof block.id === 'string') {
          if (!entry.agentLaunches.includes(block.id)) entry.agentLaunches.push(block.id);
        }
      }
    } else if (line.type === 'user') {
      for (const block of content(line) as Json[]) {
        if (block?.type === 'tool_result' && typeof block.tool_use_id === 'string') results.set(block.tool_use_id, resultText(block));
      }
    }
  }
  return { messages, results };
}
