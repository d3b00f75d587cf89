// hook-executor's circuit breakers, kept beside the store (`<store>/breaker.json`): shared by every
// session, by `run` and by `serve`. Read with one small synchronous read on every event that runs
// hooks; changed (breaker-update.ts) only when something happens to a breaker.
import fs from 'node:fs';
import path from 'node:path';

export const BREAKER_FILE = 'breaker.json';

/** One hook's breaker (a hook = an id in an event of one config file). Times are epoch ms. */
export interface BreakerEntry {
  id: string;
  event: string;
  /** The config file it comes from, as messages show it. */
  file?: string;
  /** Timeouts and crashes in a row; a run that ends by itself resets it. */
  failures: number;
  /** How many of those were timeouts. */
  timeouts: number;
  /** The hook's timeout when it last failed, in ms. */
  timeoutMs?: number;
  /** Why it last failed: 'timeout', 'killed by SIGKILL', 'spawn ENOENT'… */
  lastError?: string;
  lastFailureAt?: number;
  /**
   * Timeouts and crashes counted since the entry was made (the failures in a row are reset by a
   * success, this is not; a success that closes the breaker of a hook that is no gate drops the entry).
   */
  counted: number;
  /** Open: skipped until then, then tried once (half-open). Absent: closed. */
  openUntil?: number;
  openedAt?: number;
  /** Half-open: the one trial run claimed until then, by this claim. */
  trialUntil?: number;
  trialBy?: string;
  /** Sessions already told about this breaker since it last closed. */
  told?: string[];
  /** It has denied or blocked: a gate, never skipped. */
  blocked?: boolean;
  /** The store was searched for earlier denials and blocks. */
  searched?: boolean;
  updatedAt: number;
}

export interface BreakerState {
  v: 1;
  /** By key (see hook-executor's breaker/key.ts). */
  hooks: Record<string, BreakerEntry>;
}

export function emptyBreakerState(): BreakerState {
  return { v: 1, hooks: {} };
}

function isBreakerState(value: unknown): value is BreakerState {
  const state = value as BreakerState | undefined;
  return state?.v === 1 && typeof state.hooks === 'object' && state.hooks !== null && !Array.isArray(state.hooks);
}

export function breakerFile(dir: string): string {
  return path.join(dir, BREAKER_FILE);
}

/**
 * The breakers as last written. A missing, unreadable or damaged file reads as no breaker at all
 * (nothing skipped): the breaker must never be the reason a hook does not run by mistake.
 */
export function readBreakerState(dir: string): BreakerState {
  let text: string;
  try {
    text = fs.readFileSync(breakerFile(dir), 'utf8');
  } catch {
    return emptyBreakerState();
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isBreakerState(value)) return value;
  } catch {
    // damaged: the next update replaces it
  }
  return emptyBreakerState();
}
