// `hooks_report`: hook-monitor's per-event, per-hook summary of the Claude Code hooks recorded in the
// store (HOOK_MONITOR_DIR, else ~/.claude/hook-monitor/): where prompt latency goes.
import type { Report } from '@fanout/hook-monitor/report';
import { z } from 'zod';
import { defineTool } from '../tool.js';

const ms = (value: number): number => Math.round(value * 10) / 10;

// What a reader acts on, in the units it is shown in: Claude Code hands this JSON to the model, so
// it stays as small as the text table (no histogram internals).
function summary(report: Report) {
  return {
    store: report.dir,
    runs: report.runs,
    ...(report.firstTs ? { from: report.firstTs, to: report.lastTs } : {}),
    events: report.events.map((event) => ({
      event: event.event,
      runs: event.runs,
      wall_ms: { p50: ms(event.wall.p50), p95: ms(event.wall.p95) },
      one_after_another_ms: { p50: ms(event.sequential.p50), p95: ms(event.sequential.p95) },
      saved_per_run_ms: ms(event.savedPerRunMs),
      hooks: event.hooks.map((hook) => ({
        id: hook.id,
        runs: hook.runs,
        p50_ms: ms(hook.latency.p50),
        p95_ms: ms(hook.latency.p95),
        max_ms: ms(hook.latency.max),
        failures: hook.failures,
        timeouts: hook.timeouts,
        blocks: hook.blocks,
        skipped: hook.skipped,
        ...(hook.background > 0 ? { background: hook.background } : {}),
      })),
    })),
    ...(report.corrupt > 0 ? { corrupt_lines: report.corrupt } : {}),
  };
}

export const hooksReportTool = defineTool({
  name: 'hooks_report',
  title: 'Where hook latency goes (hook-monitor report)',
  description:
    "Summarise the Claude Code hooks that fanout's hook-executor recorded: per event and per hook, runs, p50/p95/max latency, failures, timeouts, " +
      "blocks, and the time saved by running them in parallel. Use it to find the hooks that slow every prompt down.",
  inputSchema: {
    since: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Only runs since then: an age like "7d", "12h", "30m", or an ISO date like "2026-01-31". Default: every recorded run.'),
  },
  readOnly: true,
  async run(args) {
    const { defaultStoreDir, formatReport, loadReport, parseSince } = await import('@fanout/hook-monitor/report');
    const dir = defaultStoreDir();
    const report = await loadReport({ dir, ...(args.since === undefined ? {} : { since: parseSince(args.since) }) });
    const text =
      report.runs === 0
        ? `No hook runs recorded${args.since === undefined ? '' : ` since ${args.since}`} in ${dir}.`
        : formatReport(report).trimEnd();
    return { text, data: summary(report) };
  },
});
