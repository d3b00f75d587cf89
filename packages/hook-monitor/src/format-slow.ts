import { formatCount, formatMs } from './format-units.js';
import type { SlowHook } from './find-slow-hooks.js';

/** The `slow` command's text. */
export function formatSlow(slow: readonly SlowHook[], thresholdMs: number, totalHooks: number): string {
  if (slow.length === 0) return `No hook over ${formatMs(thresholdMs)} at p95 (of ${totalHooks} hooks).`;
  const out = [`${slow.length} of ${totalHooks} hooks over ${formatMs(thresholdMs)} at p95, costliest first:`];
  for (const hook of slow) {
    out.push('');
    out.push(
      `${hook.event} › ${hook.id}: p95 ${formatMs(hook.p95)}, p50 ${formatMs(hook.p50)}, max ${formatMs(hook.max)} over ` +
        `${formatCount(hook.runs)} runs; on the critical path in ${Math.round(hook.criticalShare * 100)}%`,
    );
    for (const suggestion of hook.suggestions) out.push(`  → ${suggestion}`);
  }
  return out.join('\n');
}
