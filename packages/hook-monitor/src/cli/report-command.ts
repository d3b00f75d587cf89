import { ReportBuilder } from '../build-report.js';
import { formatReport } from '../format-report.js';
import { formatTranscriptEstimate } from '../format-transcript-estimate.js';
import { parseDuration } from '../parse-time.js';
import { scanStore } from '../scan-store.js';
import { DEFAULT_EXECUTOR_OVERHEAD_MS, TRANSCRIPT_BLIND_SPOTS, TranscriptEstimator } from '../transcript-estimate.js';
import { emptyStoreLine, out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export async function reportCommand(args: CommonArgs & { executorOverhead?: string }): Promise<number> {
  const options = scanOptions(args);
  const overheadMs =
    args.executorOverhead === undefined ? DEFAULT_EXECUTOR_OVERHEAD_MS : parseDuration(args.executorOverhead, '--executor-overhead');
  const builder = new ReportBuilder();
  const estimator = new TranscriptEstimator();
  const stats = await scanStore(options, (record) => {
    builder.add(record);
    estimator.add(record);
  });
  const report = builder.finish(stats);
  const transcript =
    estimator.runs === 0 ? undefined : { runs: estimator.runs, note: TRANSCRIPT_BLIND_SPOTS, events: estimator.finish(overheadMs) };
  if (args.json) outJson(transcript === undefined ? report : { ...report, transcript });
  else if (report.runs === 0) {
    out(emptyStoreLine(options.dir, options.since !== undefined || options.event !== undefined));
    if (report.corrupt > 0) out(`${report.corrupt} corrupt lines skipped (first at ${report.corruptAt[0]})`);
  } else {
    out(formatReport(report));
    if (transcript !== undefined) out(`\n${formatTranscriptEstimate(transcript.events)}`);
  }
  return 0;
}
