import { OracleError } from '../errors.js';

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

// Caller mistakes (flags, environment, persona files): exit 2, never a stack.
const USAGE_CODES = new Set(['NO_CREDENTIALS', 'UNKNOWN_PROVIDER', 'INVALID_OPTION', 'UNKNOWN_PERSONA', 'PERSONA_INVALID']);

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/** True for the errors a user can fix (or an expected runtime failure): shown as one line, no stack. */
export function isExpected(error: unknown): boolean {
  return error instanceof UsageError || error instanceof OracleError || codeOf(error) === 'TASK_TIMEOUT' || codeOf(error) === 'ABORTED';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || USAGE_CODES.has(String(codeOf(error)))) return EXIT_USAGE;
  if (codeOf(error) === 'ABORTED') return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}

/** The one line shown for an error (a stack only for bugs). */
export function describeError(error: unknown): string {
  if (codeOf(error) === 'TASK_TIMEOUT') {
    const ms = (error as { timeoutMs?: unknown }).timeoutMs;
    return typeof ms === 'number' ? `timed out after ${ms / 1000} s (--timeout)` : 'timed out (--timeout)';
  }
  if (codeOf(error) === 'ABORTED') return 'cancelled';
  if (isExpected(error)) return (error as Error).message.split('\n')[0]!;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
