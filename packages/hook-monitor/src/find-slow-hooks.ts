import type { EventReport, HookReport, Report } from './build-report.js';
import { formatMs } from './format-units.js';

export interface SlowHook {
  readonly event: string;
  readonly id: string;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** Share of its runs in which it was on the critical path (0..1). */
  readonly criticalShare: number;
  /** Concrete, heuristic advice drawn from what the records show. */
  readonly suggestions: readonly string[];
}

/** Hooks whose p95 exceeds the threshold, costliest first, each with suggestions. */
export function findSlowHooks(report: Report, thresholdMs: number): SlowHook[] {
  const slow: SlowHook[] = [];
  for (const event of report.events) {
    for (const hook of event.hooks) {
      if (hook.runs === 0 || !(hook.latency.p95 > thresholdMs)) continue;
      slow.push({
        event: event.event,
        id: hook.id,
        runs: hook.runs,
        p50: hook.latency.p50,
        p95: hook.latency.p95,
        max: hook.latency.max,
        criticalShare: hook.critical / hook.runs,
        suggestions: suggest(hook, event),
      });
    }
  }
  return slow.sort((a, b) => b.p95 - a.p95);
}

function pct(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

function suggest(hook: HookReport, event: EventReport): string[] {
  const out: string[] = [];
  const n = hook.runs;
  if (hook.background === n) {
    return [`already runs in the background, so it adds no prompt latency; nothing to gain here unless it loads the machine`];
  }
  if (hook.timeouts > 0) {
    out.push(`timed out in ${hook.timeouts} of ${n} runs (${pct(hook.timeouts, n)}): every such run waits the full timeout — find why it hangs, or ` +
      `lower its \`timeout\``);
  }
  if (hook.failures > 0) {
    out.push(`failed in ${hook.failures} of ${n} runs (${pct(hook.failures, n)}): a failing hook costs time and gives nothing back — fix or remove it`);
  }
  if (hook.effects === 0) {
    out.push(
      `never blocked, decided or printed anything in ${n} runs: make it \`background: true\` in hook-executor.json ` +
        `(or \`async: true\` in Claude Code's settings) and stop paying ~${formatMs(hook.latency.p50)} per ${event.event}`,
    );
  }
  for (const depId of hook.after) {
    const dep = event.hooks.find((candidate) => candidate.id === depId);
    if (dep !== undefined && dep.runs > 0 && dep.effects === 0 && hook.startP50 >= 1) {
      out.push(
        `waits for \`${depId}\` (starts at ~${formatMs(hook.startP50)}), which never printed or decided anything: ` +
          `unless it needs ${depId}'s side effects, drop it from \`after\` and start at once`,
      );
    }
  }
  if (hook.constantStdoutBytes !== undefined && hook.constantStdoutBytes > 0 && n >= 5) {
    out.push(
      `printed exactly ${hook.constantStdoutBytes} bytes in all ${n} runs: if its output depends only on files or settings, ` +
        `cache it (e.g. keyed on their mtimes) and skip the work`,
    );
  }
  if (hook.interpreter !== undefined && hook.preStarted < n) {
    out.push(
      `a ${hook.interpreter} hook whose interpreter started cold in ${n - hook.preStarted} of ${n} runs: for a light hook that start is most of its time — ` +
        `run it through the warm server (\`hook-executor install\` picks the forwarding mode) and it starts in a pre-started interpreter ` +
          `(\`hook-executor check\` says whether it qualifies)` +
        (hook.interpreter === 'node'
          ? `, or write it as a module hook (\`"type": "module"\`): a function called in the executor's process, no start at all`
          : ''),
    );
  }
  // Always last: whether speeding it up would show at all.
  const share = hook.critical / n;
  out.push(
    share >= 0.5
      ? `on the critical path in ${pct(hook.critical, n)} of runs: each ms it saves comes straight off the prompt — profile it, cache it, or split ` +
        `the slow part into a background hook`
      : `on the critical path in only ${pct(hook.critical, n)} of runs: other hooks set the wall time, so speeding this one up saves little until ` +
        `they are faster`,
  );
  return out;
}
