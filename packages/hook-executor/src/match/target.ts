import { eventSpec } from '../events.js';
import type { HookInput } from '../types.js';

/** What the event's matcher filters on (tool_name, source…); undefined when the event has no matcher. */
export function matchTarget(event: string, input: HookInput): string | undefined {
  const field = eventSpec(event).matcherField;
  if (field === undefined) return undefined;
  const value = input[field];
  if (event === 'FileChanged' && typeof value === 'string') {
    // FileChanged matchers list file names to watch.
    const slash = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
    return value.slice(slash + 1);
  }
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
    return (value as { type: string }).type; // StopFailure's error may be an object
  }
  return '';
}
