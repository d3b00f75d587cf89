import type { ChatMessage } from '@fanout/oracle';

/** A chat as APIs that keep the system prompt apart take it (Anthropic's `system`, Gemini's `systemInstruction`). */
export interface SplitMessages {
  /** System and developer messages, joined by blank lines ('' when none). */
  readonly system: string;
  readonly turns: readonly { readonly role: 'user' | 'assistant'; readonly text: string }[];
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (part as { text?: unknown } | null)?.text)
    .filter((text): text is string => typeof text === 'string')
    .join('\n');
}

/** Splits OpenAI-style messages into the system prompt and the user/assistant turns. */
export function splitMessages(messages: readonly ChatMessage[]): SplitMessages {
  const system: string[] = [];
  const turns: { role: 'user' | 'assistant'; text: string }[] = [];
  for (const m of messages) {
    if (m.role === 'system' || m.role === 'developer') system.push(textOf(m.content));
    else if (m.role === 'user' || m.role === 'assistant') turns.push({ role: m.role, text: textOf(m.content) });
  }
  return { system: system.join('\n\n'), turns };
}
