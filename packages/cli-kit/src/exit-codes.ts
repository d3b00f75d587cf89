// Which exit code an error means. The code of a usage error is the caller's: the LLM tools exit 2, the
// hook tools 1, because Claude Code reads a hook's exit 2 as "block" (design §5b).
import { USAGE } from './usage-error.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
/** The LLM tools' usage error (the hook tools use EXIT_FAILED for theirs). */
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export interface ExitCodeOptions {
  /** The exit code of a usage error: EXIT_USAGE (2) for the LLM tools, EXIT_FAILED (1) for the hook tools. */
  readonly usageExitCode: number;
  /** More codes that count as usage errors beside `USAGE` (e.g. swarm's `E_INPUT`). */
  readonly usageCodes?: Iterable<string> | undefined;
}

/** The string `code` of a thrown value, or '' when it has none. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * True for what a user can act on, shown as one line without a stack: every error of fanout's
 * packages carries a string `code` (so do Node's system errors); a bug (a TypeError…) does not.
 */
export function isExpected(error: unknown): error is Error & { readonly code: string } {
  return error instanceof Error && codeOf(error) !== '';
}

/** A usage error exits `usageExitCode`, a cancelled run 130, anything else 1. */
export function exitCodeFor(error: unknown, options: ExitCodeOptions): number {
  const code = codeOf(error);
  if (code === USAGE || (code !== '' && options.usageCodes !== undefined && [...options.usageCodes].includes(code))) return options.usageExitCode;
  if (code === 'ABORTED') return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}
