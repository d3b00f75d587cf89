import { ReportBuilder } from './build-report.js';
import { renderHtml } from './render-html.js';
import { scanStore } from './scan-store.js';
import type { ScanOptions } from './scan-store.js';
import type { HookRunRecord } from './types.js';

export interface HtmlOptions extends ScanOptions {
  /** How many of the most recent runs get a waterfall. @default 5 */
  readonly recent?: number;
}

/** Streams the store once and renders the self-contained HTML page. */
export async function buildHtml(options: HtmlOptions = {}): Promise<{ html: string; runs: number; corrupt: number }> {
  const builder = new ReportBuilder();
  const keep = Math.max(0, options.recent ?? 5);
  const recent: HookRunRecord[] = [];
  const stats = await scanStore(options, (record) => {
    builder.add(record);
    if (keep === 0) return;
    recent.push(record);
    if (recent.length > keep) recent.shift();
  });
  const report = builder.finish(stats);
  const html = renderHtml({
    report,
    recent,
    distributions: (event) =>
      (report.events.find((e) => e.event === event)?.hooks ?? []).map((hook) => ({
        id: hook.id,
        histogram: builder.histogram(event, hook.id)!,
      })),
    trend: (event) => builder.trend(event),
  });
  return { html, runs: report.runs, corrupt: report.corrupt };
}
