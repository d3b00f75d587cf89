// How the LLM tools (oracle, council, swarm, offload) describe an error, and what they pass to
// cli-kit's runCli. Only a tiny import: this module is on the path of `--help`.
import type { RunCliOptions } from '@fanout/cli-kit';
import { EXIT_USAGE, codeOf, isExpected } from '@fanout/cli-kit/errors';
import { escapeControl } from '../escape-control.js';
import { redact, secretsFromEnv } from '../redact.js';

/** Error codes of what the caller can fix besides `USAGE` (environment, persona files): exit 2. */
export const USAGE_CODES: ReadonlySet<string> = new Set(['NO_CREDENTIALS', 'UNKNOWN_PROVIDER', 'UNKNOWN_PERSONA', 'PERSONA_INVALID']);

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

/**
 * runCli's options for an LLM tool (design §5b): usage errors exit 2 (`USAGE`, oracle's USAGE_CODES
 * and the tool's own `usageCodes`), the line is `describeError`'s, and no key from the environment
 * reaches it.
 */
export function llmRunOptions(name: string, usageCodes: Iterable<string> = []): RunCliOptions {
  return {
    name,
    usageExitCode: EXIT_USAGE,
    usageCodes: [...USAGE_CODES, ...usageCodes],
    describeError,
    redact: (text) => redact(text, secretsFromEnv(process.env)),
  };
}
