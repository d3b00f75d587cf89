// A breaker as `breaker status` and `check` describe it.
import type { BreakerEntry } from '@fanout/hook-monitor/breaker';
import { failedText, duration } from './message.js';
import { isOpen, trialBusy } from './phase.js';

export type BreakerPhase = 'closed' | 'open' | 'half-open';

export interface BreakerView {
  readonly key: string;
  readonly id: string;
  readonly event: string;
  readonly file?: string;
  readonly state: BreakerPhase;
  /** Timeouts and crashes in a row, and how many of them were timeouts. */
  readonly failures: number;
  readonly timeouts: number;
  /** Every timeout and crash counted. */
  readonly counted: number;
  readonly openUntil?: string;
  readonly trialRunning: boolean;
  readonly lastError?: string;
  readonly lastFailureAt?: string;
  /** It has denied or blocked: never skipped (under failClosed its open breaker blocks). */
  readonly gate: boolean;
  /** Sessions told since it last closed. */
  readonly told: number;
  /** One line for people. */
  readonly text: string;
}

export function phaseOf(entry: BreakerEntry, now: number): BreakerPhase {
  if (entry.openUntil === undefined) return 'closed';
  return isOpen(entry, now) ? 'open' : 'half-open';
}

function phaseText(entry: BreakerEntry, now: number): string {
  const phase = phaseOf(entry, now);
  if (phase === 'open') return `open: skipped for another ${duration(entry.openUntil! - now)}, then tried once`;
  if (phase === 'half-open') return trialBusy(entry, now) ? 'half-open: one trial run under way' : 'half-open: the next event tries it once';
  return entry.failures > 0 ? `closed (${entry.failures} in a row so far)` : 'closed';
}

export function describeBreaker(key: string, entry: BreakerEntry, now: number): BreakerView {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const openUntil = iso(entry.openUntil);
  const lastFailureAt = iso(entry.lastFailureAt);
  const parts = [phaseText(entry, now)];
  if (entry.failures > 0) parts.push(failedText(entry));
  if (entry.blocked) parts.push('a gate: it has denied or blocked, so it is never skipped');
  parts.push(`${entry.counted} timeout${entry.counted === 1 ? '' : 's'} or crash${entry.counted === 1 ? '' : 'es'} counted`);
  return {
    key,
    id: entry.id,
    event: entry.event,
    ...(entry.file === undefined ? {} : { file: entry.file }),
    state: phaseOf(entry, now),
    failures: entry.failures,
    timeouts: entry.timeouts,
    counted: entry.counted,
    ...(openUntil === undefined ? {} : { openUntil }),
    trialRunning: trialBusy(entry, now),
    ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
    ...(lastFailureAt === undefined ? {} : { lastFailureAt }),
    gate: entry.blocked === true,
    told: entry.told?.length ?? 0,
    text: parts.join('; '),
  };
}
