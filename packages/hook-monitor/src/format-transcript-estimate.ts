import type { EstimateModel } from './estimate-model.js';
import { formatCount, formatMs, formatTable } from './format-units.js';
import { TRANSCRIPT_BLIND_SPOTS } from './transcript-estimate.js';
import type { TranscriptEventEstimate } from './transcript-estimate.js';

/** What the estimate assumes, in words (the report prints it under the table; --json carries it too). */
export function estimateAssumptions(model: EstimateModel): string {
  const setup = model.mode === 'forward' ? '`run` forwarding to the warm server, as `install --mode auto` sets it up' : '`serve` behind an http hook';
  return (
    `Estimate against Claude Code's own runner, which already runs an event's hooks in parallel: its wall ≈ the slowest recorded hook. ` +
    `Under hook-executor (${setup}) a hook whose command is python3 -c/SCRIPT or node -e/SCRIPT.js runs in a pre-started interpreter and skips ` +
    `its start-up (python ${formatMs(model.startupMs.python)}, node ${formatMs(model.startupMs.node)}); with more hooks than cores (${model.cores}) ` +
    `each hook also stops waiting for a core's share of the others' start-ups; the executor adds ${formatMs(model.overheadMs)} per event. ` +
    `Start-up and overhead are the claude-native bench's (2 cores); commands are judged by their text only (\`hook-executor check\` says for sure).`
  );
}

/** The report's closing section on runs imported from transcripts. */
export function formatTranscriptEstimate(estimates: readonly TranscriptEventEstimate[], model: EstimateModel): string {
  const runs = estimates.reduce((sum, e) => sum + e.runs, 0);
  const rows = [['  event', 'runs', 'Claude Code p50', 'executor p50 (est.)', 'pre-started hooks/run', 'saved per run', 'saved']];
  for (const e of estimates) {
    rows.push([
      `  ${e.event}`,
      formatCount(e.runs),
      formatMs(e.native.p50),
      formatMs(e.executor.p50),
      e.preStartable.toFixed(1),
      formatMs(e.savedPerRunMs),
      formatMs(e.savedMs),
    ]);
  }
  return [
    `From Claude Code transcripts: ${formatCount(runs)} runs. Time hook-executor would have saved (negative: it would cost):`,
    formatTable(rows),
    estimateAssumptions(model),
    TRANSCRIPT_BLIND_SPOTS,
  ].join('\n');
}
