/**
 * The largest `value(item)`, or `floor` when every value is smaller (or there are no items).
 * A loop, not `Math.max(...values)`: spreading an array into a call puts every element on the stack,
 * which overflows at ~10^5 elements (a run with that many hooks is rare, not impossible).
 */
export function maxOf<T>(items: Iterable<T>, value: (item: T) => number, floor: number): number {
  let max = floor;
  for (const item of items) {
    const v = value(item);
    if (v > max) max = v;
  }
  return max;
}
