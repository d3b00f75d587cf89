import { formatMs } from './format-units.js';
import type { LatencyHistogram } from './histogram.js';
import { escapeHtml, px } from './html-escape.js';
import { maxOf } from './max-of.js';
import { niceTicks, timeAxis } from './svg-axis.js';

const WIDTH = 1100;
const NAME = 190;
const RIGHT = 230;
const ROW = 22;
const TOP = 8;

export interface HookDistribution {
  readonly id: string;
  readonly histogram: LatencyHistogram;
}

/**
 * Box plots of hook durations on one axis: whiskers p5–p95, box p25–p75, a line at the median,
 * a dot at the max (pinned to the edge when it is beyond the axis, which stops at the largest p95
 * so one timeout does not flatten every other box).
 */
export function svgDistribution(hooks: readonly HookDistribution[]): string {
  const shown = hooks.filter((hook) => hook.histogram.count > 0);
  if (shown.length === 0) return '<p class="note">No hook ran.</p>';
  const ticks = niceTicks(maxOf(shown, (hook) => hook.histogram.quantile(0.95), -Infinity) * 1.1 || 1);
  const span = ticks[ticks.length - 1]!;
  const plot = WIDTH - NAME - RIGHT;
  const x = (ms: number): number => NAME + (Math.min(ms, span) / span) * plot;
  const height = TOP + shown.length * ROW + 24;
  const rows = shown.map(({ id, histogram: h }, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const [p5, p25, p50, p75, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => h.quantile(q)) as [number, number, number, number, number];
    const title = `${id}: ${h.count} runs · p50 ${formatMs(p50)} · p95 ${formatMs(p95)} · max ${formatMs(h.max)}`;
    return (
      `<text class="name" x="${NAME - 8}" y="${mid + 4}" text-anchor="end">${escapeHtml(id)}</text>` +
      `<line class="whisker" x1="${px(x(p5))}" x2="${px(x(p95))}" y1="${mid}" y2="${mid}"/>` +
      `<rect class="box" data-hook="${escapeHtml(id)}" x="${px(x(p25))}" y="${y + 4}" width="${px(Math.max(2, x(p75) - x(p25)))}" height="${ROW - 8}">` +
      `<title>${escapeHtml(title)}</title></rect>` +
      `<line class="median" x1="${px(x(p50))}" x2="${px(x(p50))}" y1="${y + 3}" y2="${y + ROW - 3}"/>` +
      `<circle class="max" cx="${px(x(h.max))}" cy="${mid}" r="3"><title>max ${formatMs(h.max)}</title></circle>` +
      `<text class="note" x="${WIDTH - RIGHT + 10}" y="${mid + 4}">p50 ${formatMs(p50)} · p95 ${formatMs(p95)} · max ${formatMs(h.max)}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img">` +
    timeAxis(ticks, x, TOP, height - 20) +
    rows.join('') +
    '</svg>'
  );
}
