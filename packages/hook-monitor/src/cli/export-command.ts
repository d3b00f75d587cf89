import { exportOtlp } from '../export-otlp.js';
import { formatCount } from '../format-units.js';
import { out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export async function exportCommand(args: CommonArgs & { otlp?: string }): Promise<number> {
  const stats = await exportOtlp({ ...scanOptions(args), url: args.otlp ?? '' });
  if (args.json) outJson(stats);
  else out(`Exported ${formatCount(stats.runs)} runs as ${formatCount(stats.spans)} spans to ${args.otlp}.`);
  return 0;
}
