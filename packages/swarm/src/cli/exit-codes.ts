// How errors end the CLI. Kept free of imports beyond swarm's own errors: it loads on every run.
import { SwarmError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

// oracle's codes for caller mistakes (flags, environment, persona files).
const ORACLE_USAGE_CODES = new Set(['NO_CREDENTIALS', 'UNKNOWN_PROVIDER', 'INVALID_OPTION', 'UNKNOWN_PERSONA', 'PERSONA_INVALID', 'UNKNOWN_MODEL', 'AUTH']);

function codeOf(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? '');
}

/** Errors a user can act on (swarm's, oracle's and parallel-core's all carry a string code): one line, no stack. */
function isExpected(error: unknown): boolean {
  return error instanceof SwarmError || (error instanceof Error && codeOf(error) !== '');
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof SwarmError) return error.code === 'E_USAGE' || error.code === 'E_INPUT' || error.code === 'E_RESULTS_FILE' ? EXIT_USAGE : EXIT_FAILED;
  if (ORACLE_USAGE_CODES.has(codeOf(error))) return EXIT_USAGE;
  if (codeOf(error) === 'ABORTED') return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}

/** The line shown for an error (a stack only for what looks like a bug). */
export function describeError(error: unknown): string {
  if (isExpected(error)) return (error as Error).message.split('\n')[0]!;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
