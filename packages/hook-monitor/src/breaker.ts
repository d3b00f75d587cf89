// '@fanout/hook-monitor/breaker': hook-executor's circuit breakers, kept beside the store. A separate
// entry so that the recorder (the package index) stays as small as it is.
export { BREAKER_FILE, breakerFile, emptyBreakerState, readBreakerState } from './breaker-state.js';
export type { BreakerEntry, BreakerState } from './breaker-state.js';
export { updateBreakerState } from './breaker-update.js';
export type { BreakerUpdate } from './breaker-update.js';
export type { LockOptions } from './file-lock.js';
export { findBlockingHooks, hookKey } from './find-blocking-hooks.js';
export { defaultStoreDir } from './store-dir.js';
