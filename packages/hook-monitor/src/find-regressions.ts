// Which hook got slower against its own history: each hook's p95 over a recent window vs its p95
// over the baseline window before it, in one pass over the store (histograms, bounded memory).
import { hookDuration, hookStatus } from './hook-status.js';
import { LatencyHistogram } from './histogram.js';
import { scanStore } from './scan-store.js';

export interface RegressionOptions {
  readonly dir?: string;
  /** @default Date.now() */
  readonly now?: number;
  /** The recent window, ms. @default 1 day */
  readonly recentMs?: number;
  /** The baseline window before the recent one, ms. @default 30 days */
  readonly baselineMs?: number;
  /** Runs needed in each window. @default 5 */
  readonly minRuns?: number;
  /** How many times slower counts as a regression. @default 1.5 */
  readonly ratio?: number;
  /** And by at least this many ms (fast hooks jitter). @default 50 */
  readonly minDeltaMs?: number;
}

export interface Regression {
  readonly event: string;
  readonly id: string;
  readonly recentP95: number;
  readonly baselineP95: number;
  readonly ratio: number;
  readonly recentRuns: number;
  readonly baselineRuns: number;
}

const DAY = 86_400_000;

/** Regressed hooks, worst (largest added ms) first. */
export async function findRegressions(options: RegressionOptions = {}): Promise<Regression[]> {
  const now = options.now ?? Date.now();
  const recentMs = options.recentMs ?? DAY;
  const cut = now - recentMs;
  const since = cut - (options.baselineMs ?? 30 * DAY);
  const windows = new Map<string, { event: string; id: string; recent: LatencyHistogram; baseline: LatencyHistogram }>();
  await scanStore({ ...(options.dir === undefined ? {} : { dir: options.dir }), since }, (record) => {
    const recent = Date.parse(record.ts) >= cut;
    for (const hook of record.hooks) {
      if (hookStatus(hook) === 'skipped') continue;
      const key = `${record.event}\u0000${hook.id}`;
      let entry = windows.get(key);
      if (entry === undefined) {
        entry = { event: record.event, id: hook.id, recent: new LatencyHistogram(), baseline: new LatencyHistogram() };
        windows.set(key, entry);
      }
      (recent ? entry.recent : entry.baseline).record(hookDuration(hook));
    }
  });
  const minRuns = options.minRuns ?? 5;
  const ratio = options.ratio ?? 1.5;
  const minDelta = options.minDeltaMs ?? 50;
  const found: Regression[] = [];
  for (const { event, id, recent, baseline } of windows.values()) {
    if (recent.count < minRuns || baseline.count < minRuns) continue;
    const recentP95 = recent.quantile(0.95);
    const baselineP95 = baseline.quantile(0.95);
    if (recentP95 - baselineP95 < minDelta || recentP95 < baselineP95 * ratio) continue;
    found.push({
      event, id, recentP95, baselineP95, ratio: baselineP95 > 0 ? recentP95 / baselineP95 : Number.POSITIVE_INFINITY,
      recentRuns: recent.count, baselineRuns: baseline.count,
    });
  }
  return found.sort((a, b) => b.recentP95 - b.baselineP95 - (a.recentP95 - a.baselineP95));
}
