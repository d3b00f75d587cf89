// Searching what the fake Anthropic API received: the text the model was shown, the
// tool results it was sent, and the notes Claude Code wrote about hooks.
import type { RecordedRequest } from './recorded-request.js';

/** A tool_result block sent to the model. */
export interface ReceivedToolResult {
  readonly toolUseId: string;
  /** The result's text (text blocks joined with newlines). */
  readonly content: string;
  readonly isError: boolean;
}

/** A paragraph Claude Code adds about a hook, e.g. `UserPromptSubmit hook additional context: …`. */
export interface HookNote {
  /** The hook's label as the CLI writes it, e.g. `UserPromptSubmit`, `SessionStart:startup`, `PreToolUse:Bash`. */
  readonly label: string;
  /** What follows `hook`, e.g. `success`, `additional context`, `error`. */
  readonly kind: string;
  readonly text: string;
}

type Block = { type?: unknown; text?: unknown; content?: unknown; tool_use_id?: unknown; is_error?: unknown };

/** The model conversation requests (`POST /v1/messages`, not count_tokens). */
export function messageRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === 'POST' && /^\/v1\/messages(\?|$)/.test(r.path));
}

// Separate blocks and messages are separate paragraphs (hook notes are found by paragraph).
function contentText(content: unknown, separator = '\n\n'): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: Block) => {
      if (typeof block?.text === 'string') return block.text;
      if (block?.type === 'tool_result') return contentText(block.content, '\n');
      return '';
    })
    .filter((text) => text !== '')
    .join(separator);
}

/** All text of one request body the model would read: system prompt and messages (not tool schemas). */
export function requestText(body: unknown): string {
  const { system, messages } = (body ?? {}) as { system?: unknown; messages?: unknown };
  const parts = [contentText(system)];
  if (Array.isArray(messages)) for (const message of messages) parts.push(contentText((message as { content?: unknown })?.content));
  return parts.filter((part) => part !== '').join('\n\n');
}

/** The text of every model request, joined: assert that a hook's context reached the model. */
export function receivedText(requests: readonly RecordedRequest[]): string {
  return messageRequests(requests)
    .map((r) => requestText(r.body))
    .join('\n\n');
}

/** Every tool_result sent to the model, once each, in the order first sent. */
export function toolResults(requests: readonly RecordedRequest[]): ReceivedToolResult[] {
  const seen = new Map<string, ReceivedToolResult>();
  for (const request of messageRequests(requests)) {
    const messages = (request.body as { messages?: unknown } | undefined)?.messages;
    if (!Array.isArray(messages)) continue;
    for (const message of messages) {
      const content = (message as { content?: unknown })?.content;
      if (!Array.isArray(content)) continue;
      for (const block of content as Block[]) {
        if (block?.type !== 'tool_result' || typeof block.tool_use_id !== 'string' || seen.has(block.tool_use_id)) continue;
        seen.set(block.tool_use_id, { toolUseId: block.tool_use_id, content: contentText(block.content, '\n'), isError: block.is_error === true });
      }
    }
  }
  return [...seen.values()];
}

const HOOK_NOTE = /^(\S+) hook ([a-z][a-z ]*?): ([\s\S]*)$/;

/**
 * The hook notes in the last model request (each request repeats the conversation), in
 * the order the model reads them. A note is a paragraph (text up to a blank line).
 */
export function hookNotes(requests: readonly RecordedRequest[]): HookNote[] {
  const last = messageRequests(requests).at(-1);
  if (!last) return [];
  const notes: HookNote[] = [];
  for (const paragraph of requestText(last.body).split(/\n{2,}/)) {
    const match = HOOK_NOTE.exec(paragraph.trim());
    if (match) notes.push({ label: match[1]!, kind: match[2]!, text: match[3]! });
  }
  return notes;
}

/** The markers that occur in `text`, ordered by where they first occur. */
export function markersInOrder(text: string, markers: readonly string[]): string[] {
  return markers
    .map((marker) => ({ marker, at: text.indexOf(marker) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ marker }) => marker);
}
