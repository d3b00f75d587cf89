import os from 'node:os';
import { ReportBuilder } from '../build-report.js';
import { estimateModel } from '../estimate-model.js';
import type { EstimateMode } from '../estimate-model.js';
import { formatReport } from '../format-report.js';
import { estimateAssumptions, formatTranscriptEstimate } from '../format-transcript-estimate.js';
import { parseDuration } from '../parse-time.js';
import { scanStore } from '../scan-store.js';
import { TRANSCRIPT_BLIND_SPOTS, TranscriptEstimator } from '../transcript-estimate.js';
import { emptyStoreLine, out, outJson, scanOptions } from './cli-options.js';
import { readBreakerState } from '../breaker-state.js';
import { formatTimeoutLoss } from '../format-timeout-loss.js';
import { openBreakers, TimeoutLossBuilder } from '../timeout-loss.js';
import type { CommonArgs } from './cli-options.js';

export async function reportCommand(args: CommonArgs & { executorOverhead?: string; executorMode?: EstimateMode }): Promise<number> {
  const options = scanOptions(args);
  const bench = estimateModel(args.executorMode ?? 'forward', os.availableParallelism());
  const model =
    args.executorOverhead === undefined ? bench : { ...bench, overheadMs: parseDuration(args.executorOverhead, '--executor-overhead') };
  const builder = new ReportBuilder();
  const estimator = new TranscriptEstimator(model);
  const loss = new TimeoutLossBuilder();
  const stats = await scanStore(options, (record) => {
    builder.add(record);
    estimator.add(record);
    loss.add(record);
  });
  const report = builder.finish(stats);
  const timeouts = { timeoutLoss: loss.finish(), openBreakers: openBreakers(readBreakerState(options.dir), Date.now()) };
  const transcript =
    estimator.runs === 0
      ? undefined
      : { runs: estimator.runs, note: TRANSCRIPT_BLIND_SPOTS, assumes: estimateAssumptions(model), model, events: estimator.finish() };
  if (args.json) outJson(transcript === undefined ? { ...report, ...timeouts } : { ...report, ...timeouts, transcript });
  else if (report.runs === 0) {
    out(emptyStoreLine(options.dir, options.since !== undefined || options.event !== undefined));
    if (report.corrupt > 0) out(`${report.corrupt} corrupt lines skipped (first at ${report.corruptAt[0]})`);
  } else {
    out(formatReport(report));
    const lost = formatTimeoutLoss(timeouts.timeoutLoss, timeouts.openBreakers);
    if (lost) out(`\n${lost}`);
    if (transcript !== undefined) out(`\n${formatTranscriptEstimate(transcript.events, model)}`);
  }
  return 0;
}
