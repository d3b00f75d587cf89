// How one event changes a hook's breaker. Applied under the state file's lock to the entry as it is
// now (another session may have changed it since this event read it), so counts add up across
// sessions. Closed → (N timeouts or crashes in a row) → open → (cool-off over) → one trial
// (half-open) → closed when it ends by itself, open again when it fails.
import type { BreakerEntry, BreakerState } from '@fanout/hook-monitor/breaker';
import type { BreakerSettings } from '../config/types.js';
import { gateReason } from './gate.js';
import { gateBlockLine, gateKeptLine, skippedLine } from './message.js';
import { isOpen, trialBusy } from './phase.js';

/** What one hook did in this event, for its breaker. */
export interface HookResult {
  /** failure: a timeout or a crash; success: it ended by itself (any exit code); none: skipped or cancelled. */
  readonly kind: 'failure' | 'success' | 'none';
  readonly timedOut: boolean;
  readonly error?: string;
  /** It denied, blocked or said continue: false (it is a gate). */
  readonly blocked: boolean;
}

export interface HookContext {
  readonly key: string;
  readonly id: string;
  readonly event: string;
  readonly file: string;
  readonly settings: BreakerSettings;
  readonly gate: boolean;
  readonly failClosed: boolean;
  readonly timeoutMs: number;
  readonly session: string;
  readonly now: number;
  /** This event's claim on the half-open trial, when it ran the trial. */
  readonly trialToken?: string;
  /**
   * Whether the store shows the hook denying or blocking before (searched once per hook, before the
   * lock is taken: a large store must not hold up other sessions); undefined when it was not searched.
   */
  readonly searchStore: () => boolean | undefined;
}

/** Sessions remembered per breaker (as told); older ones are forgotten first. */
const MAX_TOLD = 64;

function entryOf(state: BreakerState, c: HookContext): BreakerEntry {
  const existing = state.hooks[c.key];
  if (existing) return existing;
  return (state.hooks[c.key] = { id: c.id, event: c.event, file: c.file, failures: 0, timeouts: 0, counted: 0, updatedAt: c.now });
}

/** Closes a breaker: the count starts again, sessions will be told again. */
export function close(entry: BreakerEntry): void {
  entry.failures = 0;
  entry.timeouts = 0;
  delete entry.openUntil;
  delete entry.openedAt;
  delete entry.trialUntil;
  delete entry.trialBy;
  delete entry.told;
  delete entry.lastError;
}

/** Adds the session to those told; false when it had been told already. */
function tell(entry: BreakerEntry, session: string): boolean {
  const told = (entry.told ??= []);
  if (told.includes(session)) return false;
  told.push(session);
  if (told.length > MAX_TOLD) told.splice(0, told.length - MAX_TOLD);
  return true;
}

/**
 * Applies a hook's result. Returns `changed` (the file must be written) and the line to tell this
 * session, if any.
 */
export function applyResult(state: BreakerState, c: HookContext, result: HookResult): { changed: boolean; line?: string } {
  let changed = false;
  let entry = state.hooks[c.key];
  if (result.blocked && !entry?.blocked) {
    entry = entryOf(state, c);
    entry.blocked = true;
    entry.updatedAt = c.now;
    changed = true;
  }
  if (result.kind === 'success') {
    if (entry && (entry.failures > 0 || entry.openUntil !== undefined || entry.trialBy !== undefined)) {
      close(entry);
      entry.updatedAt = c.now;
      changed = true;
      if (!entry.blocked) delete state.hooks[c.key]; // nothing left worth keeping
    }
    return { changed };
  }
  if (result.kind !== 'failure') return { changed };
  entry = entryOf(state, c);
  entry.failures++;
  entry.counted++;
  if (result.timedOut) entry.timeouts++;
  if (result.error) entry.lastError = result.error;
  entry.timeoutMs = c.timeoutMs;
  entry.lastFailureAt = entry.updatedAt = c.now;
  entry.file = c.file;
  if (entry.failures < c.settings.after) return { changed: true };
  if (!c.gate && !entry.blocked && !entry.searched) {
    const found = c.searchStore();
    // Other sessions' failures brought it here before this event searched: the next failure opens it.
    if (found === undefined) return { changed: true };
    entry.searched = true;
    if (found) entry.blocked = true;
  }
  const gate = gateReason({ gate: c.gate }, entry);
  if (!gate || c.failClosed) {
    const wasTrial = c.trialToken !== undefined && entry.trialBy === c.trialToken;
    const lapsed = entry.openUntil !== undefined && c.now >= entry.openUntil && !trialBusy(entry, c.now);
    // A run that started before another session opened the breaker does not extend it.
    if (entry.openUntil === undefined || wasTrial || lapsed) {
      entry.openUntil = c.now + c.settings.coolOff * 1000;
      entry.openedAt = c.now;
      delete entry.trialUntil;
      delete entry.trialBy;
    }
  }
  if (!tell(entry, c.session)) return { changed: true };
  const line = !gate ? skippedLine(c.id, entry, c.now) : c.failClosed ? gateBlockLine(c.id, entry, c.now) : gateKeptLine(c.id, entry, gate);
  return { changed: true, line };
}

/** A hook skipped because its breaker is open: the line for this session the first time. */
export function applySkip(state: BreakerState, c: HookContext): { changed: boolean; line?: string } {
  const entry = state.hooks[c.key];
  if (!entry || !tell(entry, c.session)) return { changed: false };
  return { changed: true, line: skippedLine(c.id, entry, c.now) };
}

/** Claims the one trial run of a half-open breaker; false when it is not due or another event has it. */
export function claimTrial(state: BreakerState, c: HookContext, token: string): boolean {
  const entry = state.hooks[c.key];
  if (!entry || entry.openUntil === undefined || c.now < entry.openUntil || trialBusy(entry, c.now)) return false;
  // Held for the hook's timeout and a margin: a trial whose executor died frees itself.
  entry.trialUntil = c.now + c.timeoutMs + 10_000;
  entry.trialBy = token;
  entry.updatedAt = c.now;
  return true;
}

/** Entries untouched this long are dropped (a hook removed from the config, a project gone), gates kept. */
const FORGET_MS = 30 * 24 * 3600 * 1000;

export function forgetStale(state: BreakerState, now: number): void {
  for (const [key, entry] of Object.entries(state.hooks)) {
    if (!entry.blocked && now - entry.updatedAt > FORGET_MS && !isOpen(entry, now)) delete state.hooks[key];
  }
}
