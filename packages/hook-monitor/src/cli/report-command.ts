import { formatReport } from '../format-report.js';
import { loadReport } from '../load-report.js';
import { emptyStoreLine, out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export async function reportCommand(args: CommonArgs): Promise<number> {
  const options = scanOptions(args);
  const report = await loadReport(options);
  if (args.json) outJson(report);
  else if (report.runs === 0) {
    out(emptyStoreLine(options.dir, options.since !== undefined || options.event !== undefined));
    if (report.corrupt > 0) out(`${report.corrupt} corrupt lines skipped (first at ${report.corruptAt[0]})`);
  } else out(formatReport(report));
  return 0;
}
