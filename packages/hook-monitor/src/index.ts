export type { HookDecision, HookRunRecord, HookTiming, RecordSource } from './types.js';
export { recordRun, recorderStats, DEFAULT_ROTATE_BYTES } from './record-run.js';
export type { RecordOptions, RecorderStats } from './record-run.js';
export { defaultStoreDir } from './store-dir.js';
export { HookMonitorError } from './errors.js';
export type { HookMonitorErrorCode } from './errors.js';
