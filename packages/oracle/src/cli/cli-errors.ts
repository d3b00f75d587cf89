// What a fanout CLI does with an error: a caller's mistake or an expected failure is one line, a bug
// shows its stack; each kind has its exit code. Only a tiny import: this module is on the path of `--help`.
import { escapeControl } from '../escape-control.js';

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

/** Error codes of what the caller can fix (flags, environment, persona files): exit 2. */
export const USAGE_CODES: ReadonlySet<string> = new Set(['USAGE', 'NO_CREDENTIALS', 'UNKNOWN_PROVIDER', 'INVALID_OPTION', 'UNKNOWN_PERSONA', 'PERSONA_INVALID']);

export interface ExitCodeOptions {
  /** More codes that mean exit 2 for this CLI, beside USAGE_CODES (e.g. swarm's `E_INPUT`). */
  readonly usageCodes?: Iterable<string> | undefined;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * True for what a user can act on, shown as one line without a stack: every error of fanout's
 * packages carries a string `code` (so do Node's system errors); a bug (a TypeError…) does not.
 */
export function isExpected(error: unknown): boolean {
  return error instanceof Error && codeOf(error) !== '';
}

export function exitCodeFor(error: unknown, options: ExitCodeOptions = {}): number {
  const code = codeOf(error);
  if (error instanceof UsageError || USAGE_CODES.has(code)) return EXIT_USAGE;
  if (code !== '' && options.usageCodes && [...options.usageCodes].includes(code)) return EXIT_USAGE;
  if (code === 'ABORTED') return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}

/** The one line shown for an error (a stack only for bugs). */
export function describeError(error: unknown): string {
  const code = codeOf(error);
  if (code === 'TASK_TIMEOUT') {
    const ms = (error as { timeoutMs?: unknown }).timeoutMs;
    return typeof ms === 'number' ? `timed out after ${ms / 1000} s (--timeout)` : 'timed out (--timeout)';
  }
  if (code === 'ABORTED') return 'cancelled';
  // Messages may quote a server: control characters are shown, never sent to the terminal.
  if (isExpected(error)) return escapeControl((error as Error).message.split('\n')[0]!);
  return escapeControl(error instanceof Error ? (error.stack ?? error.message) : String(error), { keepNewlines: true });
}
