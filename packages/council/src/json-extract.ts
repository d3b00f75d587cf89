// Finds a JSON value in a model's answer: the whole text, a ```json fence, or the first balanced
// {...} / [...] inside prose. Models asked for JSON still wrap it often enough to need this.

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Every balanced `{…}` or `[…]` span (string-aware), in the order they start. */
function* balancedSpans(text: string): Generator<string> {
  // Scanning is quadratic in the worst case; an answer's first 64 KB is where a verdict would be.
  const end = Math.min(text.length, 65_536);
  for (let start = 0; start < end; start++) {
    const open = text[start];
    if (open !== '{' && open !== '[') continue;
    const stack: string[] = [];
    let inString = false;
    for (let i = start; i < end; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
      else if (c === '}' || c === ']') {
        if (stack.pop() !== c) break;
        if (stack.length === 0) {
          yield text.slice(start, i + 1);
          break;
        }
      }
    }
  }
}

/** The first JSON value found in `text` that `accept` takes, or undefined. */
export function extractJson(text: string, accept: (value: unknown) => boolean = () => true): unknown {
  const candidates: string[] = [text.trim()];
  for (const fence of text.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) candidates.push(fence[1]!.trim());
  for (const candidate of candidates) {
    const parsed = tryParse(candidate);
    if (parsed.ok && accept(parsed.value)) return parsed.value;
  }
  for (const span of balancedSpans(text)) {
    const parsed = tryParse(span);
    if (parsed.ok && accept(parsed.value)) return parsed.value;
  }
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
