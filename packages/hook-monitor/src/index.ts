// The recorder: what hook-executor calls on every Claude Code event. Kept to Node built-ins and four
// small modules so importing it adds next to nothing to an event; everything that reads and renders
// the store is in '@fanout/hook-monitor/report' (src/report.ts), which this entry never loads.
export type { HookDecision, HookRunRecord, HookStart, HookTiming, RecordSource } from './types.js';
export { recordRun, recorderStats, DEFAULT_ROTATE_BYTES } from './record-run.js';
export type { RecordOptions, RecorderStats } from './record-run.js';
export { defaultStoreDir } from './store-dir.js';
export { HookMonitorError } from './errors.js';
export type { HookMonitorErrorCode } from './errors.js';
