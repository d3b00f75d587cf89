import { OffloadError } from './errors.js';

/**
 * The JSON object in a model's answer. Structured output gives bare JSON; models without it wrap it
 * in a ```json fence or a sentence, so the first fenced block, else the outermost braces, is tried.
 */
export function parseJsonObject(content: string): Record<string, unknown> {
  const candidates: string[] = [content.trim()];
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(content);
  if (fence) candidates.push(fence[1]!.trim());
  const open = content.indexOf('{');
  const close = content.lastIndexOf('}');
  if (open >= 0 && close > open) candidates.push(content.slice(open, close + 1));
  for (const text of candidates) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // try the next reading
    }
  }
  const shown = content.trim().slice(0, 80).replace(/\s+/g, ' ');
  throw new OffloadError('E_BAD_ANSWER', `the model did not answer with a JSON object (it began "${shown}")`);
}
