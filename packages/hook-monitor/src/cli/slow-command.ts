import { findSlowHooks } from '../find-slow-hooks.js';
import { formatSlow } from '../format-slow.js';
import { loadReport } from '../load-report.js';
import { parseDuration } from '../parse-time.js';
import { emptyStoreLine, out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export async function slowCommand(args: CommonArgs & { threshold?: string }): Promise<number> {
  const thresholdMs = parseDuration(args.threshold ?? '100ms', '--threshold');
  const options = scanOptions(args);
  const report = await loadReport(options);
  const slow = findSlowHooks(report, thresholdMs);
  const totalHooks = report.events.reduce((sum, event) => sum + event.hooks.length, 0);
  if (args.json) outJson({ threshold_ms: thresholdMs, runs: report.runs, corrupt: report.corrupt, slow });
  else if (report.runs === 0) out(emptyStoreLine(options.dir, options.since !== undefined || options.event !== undefined));
  else out(formatSlow(slow, thresholdMs, totalHooks));
  return 0;
}
