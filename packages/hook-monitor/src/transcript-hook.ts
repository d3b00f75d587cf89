// Claude Code (2.1.197) writes an `attachment` line into a session transcript for each hook that
// printed something or failed without blocking; `durationMs` is what it measured. This module turns
// one such line into a timing and forgets the text: only byte counts and a decision label are kept.
import { createHash } from 'node:crypto';
import { classifyOutput } from './classify-output.js';
import { prestartHint } from './prestart-hint.js';
import type { HookTiming } from './types.js';

/** One timed hook read from a transcript line. */
export interface TranscriptHook {
  /** Groups the hooks of one event firing: session, tool use (or prompt) id and event. */
  readonly key: string;
  readonly sessionId: string;
  readonly event: string;
  /** The matcher's target from `hookName` (`PreToolUse:Bash` → `Bash`). */
  readonly target?: string;
  /** When the line was written, epoch ms (about when the hook ended). */
  readonly at: number;
  readonly timing: HookTiming;
}

/** Longest hook id kept: the command, shortened (commands are config, but can be long scripts). */
export const MAX_ID_CHARS = 60;
const NON_BLOCKING_PREFIX = 'Failed with non-blocking status code: ';

// Skips JSON.parse for the (far more common) lines that cannot be a hook attachment.
const MARKER = '"hookEvent":"';

/**
 * A long command is cut short and ends in a hash of the whole: hooks that differ only past the cut
 * (`python3 -c '…'` one-liners) stay apart, and the same command gets the same id in every run.
 */
export function hookIdOf(command: string): string {
  const flat = command.replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_ID_CHARS) return flat;
  const hash = createHash('sha1').update(flat).digest('hex').slice(0, 7);
  return `${flat.slice(0, MAX_ID_CHARS - hash.length - 1)}…${hash}`;
}

/** The hook a transcript line records, or undefined for any other line. */
export function parseTranscriptHook(line: string): TranscriptHook | undefined {
  if (!line.includes(MARKER) || !line.includes('"attachment"')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const entry = value as { type?: unknown; attachment?: unknown; timestamp?: unknown; sessionId?: unknown };
  if (entry?.type !== 'attachment' || typeof entry.attachment !== 'object' || entry.attachment === null) return undefined;
  const a = entry.attachment as Record<string, unknown>;
  const at = typeof entry.timestamp === 'string' ? Date.parse(entry.timestamp) : NaN;
  if (typeof a.hookEvent !== 'string' || typeof a.durationMs !== 'number' || !Number.isFinite(at)) return undefined;
  const kind = typeof a.type === 'string' ? a.type : '';
  const command = typeof a.command === 'string' ? a.command : typeof a.hookName === 'string' ? a.hookName : kind;
  const stdout = typeof a.stdout === 'string' ? a.stdout : '';
  let stderr = typeof a.stderr === 'string' ? a.stderr : '';
  if (stderr.startsWith(NON_BLOCKING_PREFIX)) stderr = stderr.slice(NON_BLOCKING_PREFIX.length);
  const cancelled = kind === 'hook_cancelled';
  const exitCode = cancelled ? null : typeof a.exitCode === 'number' ? a.exitCode : kind === 'hook_blocking_error' ? 2 : null;
  const duration = Math.max(0, a.durationMs);
  const sessionId = typeof entry.sessionId === 'string' ? entry.sessionId : '';
  const hookName = typeof a.hookName === 'string' ? a.hookName : '';
  const colon = hookName.indexOf(':');
  const timing: HookTiming = {
    id: hookIdOf(command),
    start_ms: 0,
    end_ms: duration,
    exit_code: exitCode,
    timed_out: false,
    decision: classifyOutput(a.hookEvent, exitCode, stdout),
    stdout_bytes: Buffer.byteLength(stdout),
    stderr_bytes: Buffer.byteLength(stderr),
    ...(cancelled ? { error: 'cancelled' } : exitCode !== 0 && exitCode !== null ? { error: `exit ${exitCode}` } : {}),
  };
  // Judged on the whole command: the id may be cut short.
  const interpreter = typeof a.command === 'string' ? prestartHint(a.command) : undefined;
  if (interpreter !== undefined) timing.interpreter = interpreter;
  return {
    key: `${sessionId}\u0000${String(a.toolUseID ?? '')}\u0000${a.hookEvent}`,
    sessionId,
    event: a.hookEvent,
    ...(colon > 0 ? { target: hookName.slice(colon + 1) } : {}),
    at,
    timing,
  };
}
