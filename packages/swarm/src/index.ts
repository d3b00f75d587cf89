export { runSwarm, type SwarmOptions, type SwarmReport } from './run-swarm.js';
export { swarmBudgetGate, type SwarmBudget, type SwarmBudgetGate } from './cost/budget-gate.js';
export { PriorSpend, type SwarmCost } from './cost/swarm-cost.js';
export { promptSource, inputSource, type ItemSource, type WorkItem } from './work-items.js';
export { scanInput, readInput, type InputPrompt, type InputScan, type InputOptions } from './input-reader.js';
export { scanResults, type ResumeScan, type ResumeOptions } from './resume-reader.js';
export { ResultsWriter, type ResultsWriterOptions } from './results-writer.js';
export { formatRecord, type ResultRecord, type Usage } from './result-record.js';
export { createExtractor, extractDefault, type ExtractOptions, type Extractor } from './extract.js';
export { normaliseAnswer } from './normalise.js';
export { VoteTally } from './vote-tally.js';
export { EarlyStop, probLeaderNotAhead, type EarlyStopOptions, type StopReason } from './early-stop.js';
export { formatSummary, type BudgetSummary, type SwarmSummary } from './summary.js';
export { SwarmError, UsageError, InputError, ResultsFileError, ResultsWriteError, MergeError, type SwarmErrorCode } from './errors.js';
export { parseShard, formatShard, shardOf, inShard, shardSource, type Shard } from './shard/shard.js';
export { mergeResults, type MergeOptions, type MergeSummary } from './shard/merge-results.js';
export { endpointSpecs, parseEndpointFlag, readEndpointsFile, type EndpointSpec } from './endpoints/endpoint-spec.js';
export { EndpointRouter, type RouterCallOptions } from './endpoints/endpoint-router.js';
export { RoutedEndpoint, type EndpointFigures } from './endpoints/routed-endpoint.js';
export { startEndpoints, type StartEndpointsOptions, type StartedEndpoints } from './endpoints/start-endpoints.js';
export {
  claimResults,
  madeFromFile,
  readResultsRecord,
  writeResultsRecord,
  type ClaimOptions,
  type MadeFrom,
  type ResultsClaim,
  type ResultsRecord,
  type ShardRecord,
} from './results-file.js';
export { runBatchSwarm, type BatchSwarmOptions, type BatchSwarmReport } from './batch/run-batch.js';
export { createBatchApi, BatchApiError, type BatchApi, type BatchObject } from './batch/batch-api.js';
export { BATCH_WIRES, batchWireFor, type BatchBackend, type BatchView, type BatchWire, type LineResult } from './batch/batch-backend.js';
export { createBatchBackend, type BatchConnection } from './batch/create-backend.js';
export { openaiBackend } from './batch/openai-backend.js';
export { anthropicBackend, anthropicCustomId, ANTHROPIC_DEFAULT_MAX_TOKENS } from './batch/anthropic-backend.js';
export { geminiBackend, geminiRoot } from './batch/gemini-backend.js';
export { FLEX_TIMEOUT_MS, isFlexUnavailable, isRateLimitSignal, withFlexRetry, type FlexRetryOptions } from './flex.js';
export { stateDir, listStates, findState, loadState, type BatchRunState, type ChunkState } from './batch/batch-state.js';
export { MAX_REQUESTS_PER_FILE, MAX_BYTES_PER_FILE } from './batch/batch-input.js';
