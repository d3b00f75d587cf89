import type { DayTrend, EventReport, Report } from './build-report.js';
import { formatCount, formatMs } from './format-units.js';
import { escapeHtml } from './html-escape.js';
import { HTML_STYLE } from './html-style.js';
import { svgDistribution } from './svg-distribution.js';
import type { HookDistribution } from './svg-distribution.js';
import { svgTrend } from './svg-trend.js';
import { svgWaterfall } from './svg-waterfall.js';
import type { HookRunRecord } from './types.js';

export interface HtmlInput {
  readonly report: Report;
  /** The most recent runs, oldest first. */
  readonly recent: readonly HookRunRecord[];
  readonly distributions: (event: string) => HookDistribution[];
  readonly trend: (event: string) => DayTrend[];
  readonly generatedAt?: Date;
}

/** One self-contained page: inline CSS and SVG, no script, no font, nothing fetched. */
export function renderHtml(input: HtmlInput): string {
  const { report } = input;
  const generated = (input.generatedAt ?? new Date()).toISOString().slice(0, 19).replace('T', ' ');
  const body: string[] = [];
  body.push('<h1>Hook latency</h1>');
  body.push(
    `<p class="meta">${formatCount(report.runs)} runs · ${formatCount(report.hookRecords)} hook records` +
      (report.firstTs ? ` · ${escapeHtml(report.firstTs.slice(0, 10))} to ${escapeHtml(report.lastTs!.slice(0, 10))}` : '') +
      ` · store <code>${escapeHtml(report.dir)}</code> · generated ${generated} UTC` +
      (report.corrupt > 0 ? ` · ${formatCount(report.corrupt)} corrupt lines skipped` : '') +
      '</p>',
  );
  if (report.runs === 0) {
    body.push('<p>No hook runs recorded yet. Record some with <code>hook-executor</code> or <code>hook-monitor wrap</code>.</p>');
  } else {
    body.push(`<h2>Most recent runs</h2>`);
    body.push(
      '<p class="legend-row note"><span><i class="sw" style="background:#f59e0b"></i>critical path ★</span>' +
        '<span><i class="sw" style="background:#3b82f6"></i>ran</span><span><i class="sw" style="background:#93c5fd"></i>background</span>' +
        '<span><i class="sw" style="background:#dc2626"></i>failed / timed out</span><span><i class="sw" style="background:#9333ea"></i>blocked</span>' +
        '<span>dashed line: wall clock</span></p>',
    );
    for (const record of [...input.recent].reverse()) body.push(svgWaterfall(record));
    for (const event of report.events) body.push(eventSection(event, input));
  }
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>Hook latency · hook-monitor</title><style>${HTML_STYLE}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`
  );
}

function eventSection(event: EventReport, input: HtmlInput): string {
  const rows = event.hooks
    .map(
      (hook) =>
        `<tr><td>${escapeHtml(hook.id)}</td><td>${formatCount(hook.runs)}</td>` +
        [hook.latency.p50, hook.latency.p95, hook.latency.max].map((ms) => `<td>${hook.runs ? formatMs(ms) : '–'}</td>`).join('') +
        `<td>${hook.failures}</td>` +
        `<td>${hook.timeouts}</td><td>${hook.blocks}</td><td>${hook.skipped}</td></tr>`,
    )
    .join('');
  return (
    `<h2>${escapeHtml(event.event)}</h2>` +
    `<p>${formatCount(event.runs)} runs · wall p50 <b>${formatMs(event.wall.p50)}</b>, p95 ${formatMs(event.wall.p95)} · ` +
    `one after another p50 ${formatMs(event.sequential.p50)}, p95 ${formatMs(event.sequential.p95)} · ` +
    `saved ${formatMs(event.savedMs)} in all (${formatMs(event.savedPerRunMs)} per run)</p>` +
    '<table><thead><tr><th>hook</th><th>runs</th><th>p50</th><th>p95</th><th>max</th><th>failed</th><th>timed out</th>' +
    `<th>blocked</th><th>skipped</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<h3>Latency per hook</h3><figure>${svgDistribution(input.distributions(event.event))}</figure>` +
    `<h3>Wall clock per day</h3><figure>${svgTrend(input.trend(event.event))}</figure>`
  );
}
