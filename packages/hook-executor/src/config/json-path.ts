const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key or index to a JSON path: `hooks` + `PreToolUse` → `hooks.PreToolUse`, + 0 → `[0]`. */
export function jsonPathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const part = IDENT.test(key) ? key : JSON.stringify(key);
  if (!base) return IDENT.test(key) ? key : `[${part}]`;
  return IDENT.test(key) ? `${base}.${key}` : `${base}[${part}]`;
}

/** A value as it appears in an error message: JSON, shortened. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
