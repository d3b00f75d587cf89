import type { BreakerEntry } from '@fanout/hook-monitor/breaker';

/** Open: skipped until `openUntil`. */
export function isOpen(entry: BreakerEntry | undefined, now: number): boolean {
  return entry?.openUntil !== undefined && now < entry.openUntil;
}

/** Half-open with the one trial run claimed by some event. */
export function trialBusy(entry: BreakerEntry | undefined, now: number): boolean {
  return entry?.trialUntil !== undefined && now < entry.trialUntil;
}
