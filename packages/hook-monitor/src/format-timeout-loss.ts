import { formatCount, formatMs, formatTable } from './format-units.js';
import type { OpenBreaker, TimeoutLoss } from './timeout-loss.js';

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** The `report` section on timeouts and open breakers; empty when there is nothing to say. */
export function formatTimeoutLoss(loss: TimeoutLoss, open: readonly OpenBreaker[] = []): string {
  const breakers = open.map((b) => `${b.id} (${b.event}) until ${b.until.slice(0, 16).replace('T', ' ')} UTC after ${plural(b.failures, 'failure')} in a row`);
  const now = breakers.length ? [`Skipped by hook-executor's breaker now: ${breakers.join('; ')}`] : [];
  if (loss.hooks.length === 0) return now.join('\n');
  const total = `${formatMs(loss.ms)} in ${plural(loss.timeouts, 'timeout')}`;
  const out = [...now, `Time lost to timeouts: ${total} (events waited that long for hooks that gave no answer)`];
  const rows = [['  hook', 'lost', 'timeouts', 'skipped by breaker', 'not waited']];
  for (const h of loss.hooks) {
    const saved = h.breakerSkips ? `~${formatMs(h.savedMs)}` : '-';
    rows.push([`  ${h.id} (${h.event})`, formatMs(h.ms), formatCount(h.timeouts), formatCount(h.breakerSkips), saved]);
  }
  out.push(formatTable(rows));
  if (loss.days.length) {
    out.push('  per day:');
    const table = formatTable(loss.days.map((d) => [`    ${d.day}`, formatMs(d.ms), plural(d.timeouts, 'timeout')])).split('\n');
    loss.days.forEach((d, i) => {
      const worst = d.hooks.slice(0, 3).map((h) => `${h.id} ${formatMs(h.ms)}`).join(', ') + (d.hooks.length > 3 ? ', …' : '');
      out.push(`${table[i]}  ${worst}`);
    });
  }
  return out.join('\n');
}
