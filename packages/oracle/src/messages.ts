import type { Persona } from './personas/persona.js';
import type { ChatMessage } from './types.js';

/** A file given as context (`-f FILE`). */
export interface Attachment {
  /** Shown to the model, e.g. the path as typed. */
  readonly name: string;
  readonly content: string;
}

export interface MessageOptions {
  /** Appended to the persona's system prompt (or the system prompt when the persona has none). */
  readonly system?: string | undefined;
  /** Put before the prompt, each in a `<file name="…">` block. */
  readonly attachments?: readonly Attachment[] | undefined;
}

/**
 * The messages one persona is asked: its system prompt (plus `system`), then the context files and
 * the prompt. `prompt` may be a conversation (e.g. council's rounds); files then come first, as
 * their own user message.
 */
export function personaMessages(persona: Persona, prompt: string | readonly ChatMessage[], options: MessageOptions = {}): ChatMessage[] {
  const system = options.system ? (persona.prompt ? `${persona.prompt}\n\n${options.system}` : options.system) : persona.prompt;
  const files = (options.attachments ?? []).map((file) => `<file name="${file.name}">\n${file.content}\n</file>`).join('\n\n');
  const out: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  if (typeof prompt === 'string') {
    out.push({ role: 'user', content: files ? `${files}\n\n${prompt}` : prompt });
  } else {
    if (files) out.push({ role: 'user', content: files });
    for (const message of prompt) out.push(message); // not push(...prompt): a long conversation would overflow the call stack
  }
  return out;
}
