import { median } from '../../measure.js';
import type { ChildRun } from './clients.js';

type Runner = () => Promise<ChildRun>;

/**
 * Runs every runner once to warm up, then `reps` rounds of all of them in turn, so a burst of load
 * from elsewhere on the machine hits every side alike; returns each side's median and peak RSS.
 */
export async function interleaved<K extends string>(
  reps: Record<K, number>,
  runners: Record<K, Runner>,
  log: (m: string) => void,
): Promise<Record<K, { ms: number; maxRssKb: number }>> {
  const names = Object.keys(runners) as K[];
  const runs = Object.fromEntries(names.map((k) => [k, [] as ChildRun[]])) as Record<K, ChildRun[]>;
  for (const name of names) await runners[name]();
  const rounds = Math.max(...names.map((k) => reps[k]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) if (round < reps[name]) runs[name].push(await runners[name]());
    const ran = names.filter((k) => round < reps[k]);
    log(`  round ${round + 1}/${rounds}: ${ran.map((k) => `${k} ${Math.round(runs[k].at(-1)!.ms)} ms`).join(', ')}`);
  }
  return Object.fromEntries(
    names.map((k) => [k, { ms: median(runs[k].map((r) => r.ms)), maxRssKb: Math.max(0, ...runs[k].map((r) => r.maxRssKb ?? 0)) }]),
  ) as Record<K, { ms: number; maxRssKb: number }>;
}
