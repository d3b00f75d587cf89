import type { ProgressState } from './types.js';

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** "label 40/100 · 8 in flight · 1 failed · 2 retried · 12.5/s · ETA 5s" */
export function formatProgress(state: ProgressState, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (state.done / elapsedMs) * 1000 : 0;
  const parts = [
    `${state.label ? `${state.label} ` : ''}${state.done}${state.total === undefined ? '' : `/${state.total}`}`,
    `${state.inFlight} in flight`,
    `${state.failed} failed`,
    `${state.retried} retried`,
    `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}/s`,
  ];
  if (state.total !== undefined && state.done < state.total) {
    parts.push(`ETA ${rate > 0 ? duration((state.total - state.done) / rate) : '?'}`);
  }
  return parts.join(' · ');
}
