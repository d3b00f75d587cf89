import type { DayTrend } from './build-report.js';
import { formatMs } from './format-units.js';
import { escapeHtml, px } from './html-escape.js';
import { maxOf } from './max-of.js';
import { niceTicks } from './svg-axis.js';

const WIDTH = 1100;
const HEIGHT = 220;
const LEFT = 70;
const RIGHT = 20;
const TOP = 10;
const BOTTOM = 40;

/** Per-day wall p50 and p95 of one event, as two lines with a point per day. */
export function svgTrend(days: readonly DayTrend[]): string {
  if (days.length === 0) return '<p class="note">No runs.</p>';
  const ticks = niceTicks(maxOf(days, (day) => day.p95, 1), 4);
  const span = ticks[ticks.length - 1]!;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number): number => LEFT + (days.length === 1 ? plotW / 2 : (i / (days.length - 1)) * plotW);
  const y = (ms: number): number => TOP + plotH - (ms / span) * plotH;
  const grid = ticks
    .map(
      (tick) =>
        `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y(tick))}" y2="${px(y(tick))}"/>` +
        `<text class="tick" x="${LEFT - 6}" y="${px(y(tick) + 4)}" text-anchor="end">${formatMs(tick)}</text>`,
    )
    .join('');
  const line = (key: 'p50' | 'p95'): string =>
    `<polyline class="trend ${key}" points="${days.map((day, i) => `${px(x(i))},${px(y(day[key]))}`).join(' ')}"/>` +
    days
      .map(
        (day, i) =>
          `<circle class="point ${key}" data-day="${escapeHtml(day.day)}" cx="${px(x(i))}" cy="${px(y(day[key]))}" r="3">` +
          `<title>${escapeHtml(day.day)}: ${key} ${formatMs(day[key])} over ${day.runs} runs</title></circle>`,
      )
      .join('');
  const labelEvery = Math.max(1, Math.ceil(days.length / 10));
  const labels = days
    .map((day, i) =>
      i % labelEvery === 0 || i === days.length - 1
        ? `<text class="tick" x="${px(x(i))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${escapeHtml(day.day.slice(5))}</text>`
        : '',
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img">` +
    grid + line('p95') + line('p50') + labels +
    `<text class="legend p95" x="${WIDTH - RIGHT - 160}" y="${HEIGHT - 8}">● p95 wall</text>` +
    `<text class="legend p50" x="${WIDTH - RIGHT - 70}" y="${HEIGHT - 8}">● p50 wall</text>` +
    '</svg>'
  );
}
