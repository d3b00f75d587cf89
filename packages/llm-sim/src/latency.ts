import type { LatencyOption } from './types.js';

/** Returns a sampler of per-request latency in whole ms (≥ 0) drawing from `random`. */
export function latencySampler(option: LatencyOption, random: () => number): () => number {
  if (typeof option === 'number') {
    const fixed = Math.max(0, Math.round(option));
    return () => fixed;
  }
  if ('min' in option) {
    const { min, max } = option;
    return () => Math.max(0, Math.round(min + random() * (max - min)));
  }
  const { mean, sd } = option;
  return () => {
    // Box–Muller; 1 - u keeps the log argument in (0, 1].
    const u = 1 - random();
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + sd * z));
  };
}
