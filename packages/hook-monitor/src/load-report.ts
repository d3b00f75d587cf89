import { ReportBuilder } from './build-report.js';
import type { Report } from './build-report.js';
import { scanStore } from './scan-store.js';
import type { ScanOptions } from './scan-store.js';

/** Streams the store once and returns the per-event, per-hook report. */
export async function loadReport(options: ScanOptions = {}): Promise<Report> {
  const builder = new ReportBuilder();
  const stats = await scanStore(options, (record) => builder.add(record));
  return builder.finish(stats);
}
