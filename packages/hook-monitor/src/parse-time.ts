import { HookMonitorError } from './errors.js';

const UNIT_MS: Record<string, number> = {
  ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
};
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d|w)?$/i;

/** '100ms', '1.5s', '2m', '250' (ms) → milliseconds. */
export function parseDuration(text: string, flag = '--threshold'): number {
  const match = DURATION.exec(String(text).trim());
  if (!match) {
    throw new HookMonitorError('BAD_DURATION', `${flag}: expected a duration like 100ms, 1.5s or 2m, got "${text}"`);
  }
  return Number(match[1]) * UNIT_MS[(match[2] ?? 'ms').toLowerCase()]!;
}

/** '7d', '12h', '30m' (ago) or an ISO date/time → epoch ms of the earliest run to include. */
export function parseSince(text: string, now = Date.now()): number {
  const trimmed = String(text).trim();
  const relative = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(trimmed);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (Number.isFinite(at)) return at;
  }
  throw new HookMonitorError('BAD_SINCE', `--since: expected an age like 7d, 12h, 30m or an ISO date like 2026-01-31, got "${text}"`);
}
