import { invalid } from './validate.js';

/**
 * The `p`-th percentile (0–100) of values already sorted ascending, interpolating linearly between the
 * two nearest ranks (numpy's default); NaN for no values.
 * @example percentile([10, 20, 30, 40], 50) // 25
 */
export function percentile(sortedValues: readonly number[], p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 100)) throw invalid('p', 'a number from 0 to 100', p);
  const n = sortedValues.length;
  if (n === 0) return Number.NaN;
  const rank = (p / 100) * (n - 1);
  const lower = Math.floor(rank);
  const low = sortedValues[lower]!;
  const high = sortedValues[Math.min(n - 1, lower + 1)]!;
  return low + (high - low) * (rank - lower);
}
