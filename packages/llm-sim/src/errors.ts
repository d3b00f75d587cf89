/** Stable codes of the errors llm-sim throws (never the HTTP errors it serves). */
export type SimErrorCode = 'USAGE' | 'RULES_READ' | 'RULES_JSON' | 'RULES_INVALID' | 'LISTEN_FAILED';

/** Base error of llm-sim: a user mistake in options or rules, or a failure to listen. */
export class SimError extends Error {
  readonly code: SimErrorCode;

  constructor(code: SimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SimError';
    this.code = code;
  }
}

/** Describes a value for an error message: "`2` (number)". */
export function describeValue(value: unknown): string {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  if (shown.length > 60) shown = `${shown.slice(0, 57)}...`;
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `\`${shown}\` (${type})`;
}
