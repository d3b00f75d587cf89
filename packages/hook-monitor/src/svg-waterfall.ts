import { criticalPath, sequentialMs } from './critical-path.js';
import { formatMs } from './format-units.js';
import { hookStatus } from './hook-status.js';
import { escapeHtml, px } from './html-escape.js';
import { maxOf } from './max-of.js';
import { niceTicks, timeAxis } from './svg-axis.js';
import type { HookRunRecord } from './types.js';

const WIDTH = 1100;
const NAME = 190;
const RIGHT = 150;
const ROW = 20;
const TOP = 8;

/** One run as an SVG Gantt chart: `rect.bar[data-hook]` per hook that ran, critical path highlighted. */
export function svgWaterfall(record: HookRunRecord): string {
  const critical = new Set(criticalPath(record.hooks).map((hook) => hook.id));
  const ticks = niceTicks(maxOf(record.hooks, (hook) => (hook.skipped === undefined ? hook.end_ms : 0), Math.max(record.wall_ms, 1)));
  const span = ticks[ticks.length - 1]!;
  const plot = WIDTH - NAME - RIGHT;
  const x = (ms: number): number => NAME + (Math.max(0, ms) / span) * plot;
  const height = TOP + record.hooks.length * ROW + 24;

  const rows = record.hooks.map((hook, i) => {
    const y = TOP + i * ROW;
    const status = hookStatus(hook);
    const label = `<text class="name${critical.has(hook.id) ? ' critical' : ''}" x="${NAME - 8}" y="${y + 14}" text-anchor="end">${
      critical.has(hook.id) ? '★ ' : ''
    }${escapeHtml(hook.id)}</text>`;
    if (status === 'skipped') {
      return `${label}<text class="note" x="${NAME + 4}" y="${y + 14}">skipped: ${escapeHtml(hook.skipped ?? '')}</text>`;
    }
    const classes = ['bar', status, critical.has(hook.id) ? 'critical' : '', hook.background ? 'background' : ''].filter(Boolean);
    const took = hook.end_ms - hook.start_ms;
    const note = status === 'ok' ? '' : ` ${status === 'failed' ? `failed${hook.error ? ` (${hook.error})` : ''}` : status}`;
    const width = Math.max(2, x(hook.end_ms) - x(hook.start_ms));
    return (
      label +
      `<rect class="${classes.join(' ')}" data-hook="${escapeHtml(hook.id)}" x="${px(x(hook.start_ms))}" y="${y + 3}" width="${px(width)}" ` +
        `height="${ROW - 6}" rx="2">` +
      `<title>${escapeHtml(hook.id)}: ${formatMs(hook.start_ms)} → ${formatMs(hook.end_ms)} (${formatMs(took)})${escapeHtml(note)}</title></rect>` +
      `<text class="note" x="${px(x(hook.start_ms) + width + 4)}" y="${y + 14}">${formatMs(took)}${escapeHtml(note)}</text>`
    );
  });
  const wallX = x(record.wall_ms);
  return (
    `<figure class="waterfall"><figcaption><b>${escapeHtml(record.event)}</b>${record.target ? ` (${escapeHtml(record.target)})` : ''} · ` +
    `${escapeHtml(record.ts.slice(0, 19).replace('T', ' '))} · wall ${formatMs(record.wall_ms)} · one after another ` +
    `${formatMs(sequentialMs(record.hooks))} · run <code>${escapeHtml(record.run_id)}</code></figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img">` +
    timeAxis(ticks, x, TOP, height - 20) +
    `<line class="wall" x1="${px(wallX)}" x2="${px(wallX)}" y1="${TOP}" y2="${height - 20}"><title>wall ${formatMs(record.wall_ms)}</title></line>` +
    rows.join('') +
    `</svg></figure>`
  );
}
