import { formatMs } from './format-units.js';
import { px } from './html-escape.js';

/** Round tick values from 0 to at least `max` (1, 2, 2.5 or 5 × 10^n apart). */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** Vertical grid lines with ms labels along a horizontal time axis. */
export function timeAxis(ticks: readonly number[], x: (ms: number) => number, top: number, bottom: number): string {
  return ticks
    .map(
      (tick) =>
        `<line class="grid" x1="${px(x(tick))}" x2="${px(x(tick))}" y1="${px(top)}" y2="${px(bottom)}"/>` +
        `<text class="tick" x="${px(x(tick))}" y="${px(bottom + 12)}" text-anchor="middle">${formatMs(tick)}</text>`,
    )
    .join('');
}
