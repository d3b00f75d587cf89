// The breaker's words to the user: one line each, naming the hook, what it did and what happens now.
import type { BreakerEntry } from '@fanout/hook-monitor/breaker';

/** 45 s · 10 min · 1.5 h · 2 d */
export function duration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (s < 10) return `${round(s)} s`;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${round(s / 3600)} h`;
  return `${round(s / 86400)} d`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** "timed out 3 times in a row (30 s each)", "crashed twice in a row (killed by SIGKILL)"… */
export function failedText(entry: Pick<BreakerEntry, 'failures' | 'timeouts' | 'timeoutMs' | 'lastError'>): string {
  const crashes = entry.failures - entry.timeouts;
  if (crashes === 0) return `timed out ${times(entry.timeouts)} in a row${entry.timeoutMs ? ` (${duration(entry.timeoutMs)} each)` : ''}`;
  if (entry.timeouts === 0) return `crashed ${times(crashes)} in a row${entry.lastError ? ` (${entry.lastError})` : ''}`;
  return `timed out ${times(entry.timeouts)} and crashed ${times(crashes)}, in a row`;
}

const reset = (id: string) => `\`hook-executor breaker reset ${id}\``;

/** A hook the breaker skips (told once per session). */
export function skippedLine(id: string, entry: BreakerEntry, now: number): string {
  const left = (entry.openUntil ?? now) - now;
  const when = left > 0 ? `skipped for the next ${duration(left)}, then tried once` : 'skipped until one trial run answers';
  return `hook-executor: ${id} ${failedText(entry)}, so it is ${when} (${reset(id)} runs it again now)`;
}

/** A gate that keeps failing, which the breaker will not skip (told once per session). */
export function gateKeptLine(id: string, entry: BreakerEntry, why: string): string {
  return `hook-executor: ${id} ${failedText(entry)}, but it is a gate (${why}), so it still runs every time: fix it or shorten its timeout`;
}

/** The block reason of a gate whose breaker is open, under failClosed. */
export function gateBlockLine(id: string, entry: BreakerEntry, now: number): string {
  const left = (entry.openUntil ?? now) - now;
  const next = left > 0 ? `next try in ${duration(left)}` : 'a trial run is under way';
  return `hook-executor: gate ${id} ${failedText(entry)}; blocking (failClosed) until it answers again (${next}; ${reset(id)} tries it now)`;
}
