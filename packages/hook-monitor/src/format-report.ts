import type { Report } from './build-report.js';
import { formatCount, formatMs, formatTable } from './format-units.js';

/** The `report` command's text: one block per event, hooks in config order. */
export function formatReport(report: Report): string {
  const out: string[] = [];
  out.push(
    `${formatCount(report.runs)} runs, ${formatCount(report.hookRecords)} hook records` +
      (report.firstTs ? ` from ${report.firstTs.slice(0, 16).replace('T', ' ')} to ${report.lastTs!.slice(0, 16).replace('T', ' ')}` : '') +
      ` (${report.dir})`,
  );
  for (const event of report.events) {
    out.push('');
    out.push(
      `${event.event}: ${formatCount(event.runs)} runs · wall p50 ${formatMs(event.wall.p50)}, p95 ${formatMs(event.wall.p95)}` +
        ` · one after another p50 ${formatMs(event.sequential.p50)}, p95 ${formatMs(event.sequential.p95)}` +
        ` · saved ${formatMs(event.savedMs)} (${formatMs(event.savedPerRunMs)} per run)`,
    );
    const rows = [['  hook', 'runs', 'p50', 'p95', 'max', 'failed', 'timeout', 'blocked', 'skipped']];
    for (const hook of event.hooks) {
      rows.push([
        `  ${hook.id}${hook.background > 0 ? ' (bg)' : ''}`,
        formatCount(hook.runs),
        hook.runs ? formatMs(hook.latency.p50) : '-',
        hook.runs ? formatMs(hook.latency.p95) : '-',
        hook.runs ? formatMs(hook.latency.max) : '-',
        formatCount(hook.failures),
        formatCount(hook.timeouts),
        formatCount(hook.blocks),
        formatCount(hook.skipped),
      ]);
    }
    out.push(formatTable(rows));
  }
  if (report.corrupt > 0) {
    out.push('');
    out.push(`${formatCount(report.corrupt)} corrupt line${report.corrupt === 1 ? '' : 's'} skipped (first at ${report.corruptAt[0]})`);
  }
  return out.join('\n');
}
