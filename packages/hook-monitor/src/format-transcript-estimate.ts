import { formatCount, formatMs, formatTable } from './format-units.js';
import { TRANSCRIPT_BLIND_SPOTS } from './transcript-estimate.js';
import type { TranscriptEventEstimate } from './transcript-estimate.js';

/** The report's closing section on runs imported from transcripts. */
export function formatTranscriptEstimate(estimates: readonly TranscriptEventEstimate[]): string {
  const runs = estimates.reduce((sum, e) => sum + e.runs, 0);
  const overhead = estimates[0]?.overheadMs ?? 0;
  const rows = [['  event', 'runs', 'one after another p50', 'slowest hook p50', 'saved per run', 'saved']];
  for (const e of estimates) {
    rows.push([`  ${e.event}`, formatCount(e.runs), formatMs(e.sequential.p50), formatMs(e.slowest.p50), formatMs(e.savedPerRunMs), formatMs(e.savedMs)]);
  }
  return [
    `From Claude Code transcripts: ${formatCount(runs)} runs. Time hook-executor would have saved vs running the hooks one after another`,
    `(estimate: executor ≈ slowest hook + ${formatMs(overhead)} overhead):`,
    formatTable(rows),
    TRANSCRIPT_BLIND_SPOTS,
  ].join('\n');
}
