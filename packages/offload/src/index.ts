export { offload } from './offload.js';
export { planOffload, type OffloadPlan } from './plan.js';
export { estimateOffload, type OffloadEstimate, type OffloadEstimateInput } from './estimate.js';
export { formatAnswer, type AnswerParts } from './format.js';
export { OffloadBudgetError, OffloadError, type OffloadErrorCode } from './errors.js';
export { defaultCacheDir } from './cache.js';
export { normaliseQuote } from './verify.js';
export { DEFAULTS } from './options.js';
export type { Conflict, Finding, OffloadOptions, OffloadResult, OffloadStats, SkippedFile } from './types.js';
