// What the CLI does with an error: user mistakes and expected failures are one line; bugs show a stack.
// No import of oracle here: this module is on the path of `--help`.

/** A mistake in how the CLI was called: one line, exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

// oracle's codes for what the caller can fix: flags, environment, persona files.
const USAGE_CODES = new Set(['USAGE', 'INVALID_OPTION', 'NO_CREDENTIALS', 'UNKNOWN_PROVIDER', 'UNKNOWN_PERSONA', 'PERSONA_INVALID']);

const codeOf = (error: unknown): string => String((error as { code?: unknown } | null)?.code);

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || USAGE_CODES.has(codeOf(error))) return EXIT_USAGE;
  if (codeOf(error) === 'ABORTED') return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}

/** The one line shown for an error (a stack only for bugs). */
export function describeError(error: unknown): string {
  if (codeOf(error) === 'ABORTED') return 'cancelled';
  // Every error of council, oracle and parallel-core carries a string `code`; a bug (TypeError…) does not.
  const expected = error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
  if (expected) return error.message.split('\n')[0]!;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
