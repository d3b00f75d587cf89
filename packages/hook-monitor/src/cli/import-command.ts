import { importTranscripts } from '../import-transcripts.js';
import { formatCount } from '../format-units.js';
import { TRANSCRIPT_BLIND_SPOTS } from '../transcript-estimate.js';
import { defaultStoreDir } from '../store-dir.js';
import { out, outJson } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export async function importCommand(args: CommonArgs & { from?: string }): Promise<number> {
  const started = performance.now();
  const stats = await importTranscripts({
    dir: args.dir ?? defaultStoreDir(),
    ...(args.from === undefined ? {} : { from: args.from }),
    onWait: (pid) => process.stderr.write(`hook-monitor: another import${pid === undefined ? '' : ` (pid ${pid})`} is running; waiting for it to end\n`),
  });
  const ms = performance.now() - started;
  if (args.json) outJson({ ...stats, ms: Math.round(ms) });
  else {
    out(
      `Imported ${formatCount(stats.runs)} runs (${formatCount(stats.hooks)} hook lines) from ${formatCount(stats.read)} of ` +
        `${formatCount(stats.files)} transcripts in ${stats.from} into ${stats.dir}. ${TRANSCRIPT_BLIND_SPOTS}`,
    );
  }
  return 0;
}
