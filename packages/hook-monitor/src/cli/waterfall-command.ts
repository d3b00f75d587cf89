import { shouldColour } from '../colour.js';
import { criticalPath } from '../critical-path.js';
import { HookMonitorError } from '../errors.js';
import { findRun, lastRun } from '../find-run.js';
import { renderWaterfall } from '../render-waterfall.js';
import { emptyStoreLine, out, outJson } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';
import { defaultStoreDir } from '../store-dir.js';

export async function waterfallCommand(args: CommonArgs & { run?: string; width?: number }): Promise<number> {
  const dir = args.dir ?? defaultStoreDir();
  const record =
    args.run !== undefined
      ? await findRun(args.run, { dir })
      : lastRun({ dir, ...(args.event === undefined ? {} : { event: args.event }) });
  if (record === undefined) {
    throw new HookMonitorError('EMPTY_STORE', emptyStoreLine(dir, args.event !== undefined));
  }
  if (args.json) {
    outJson({ record, critical_path: criticalPath(record.hooks).map((hook) => hook.id) });
    return 0;
  }
  const width = args.width ?? (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80;
  out(renderWaterfall(record, { width, colour: shouldColour(process.stdout) }));
  return 0;
}
