export { runCouncil, SpeculationDiscarded } from './run-council.js';
export { estimateCouncil, type CouncilEstimate, type CouncilEstimateInput, type RoundEstimate } from './estimate-council.js';
export { oracleAsk, type OracleAskOptions } from './oracle-ask.js';
export { renderTranscript, type TranscriptMeta } from './transcript.js';
export { parseVerdict } from './verdict.js';
export { parseRanking, bordaPoints } from './review.js';
export { responseLabel, stableShuffle, scrubNames } from './anonymise.js';
export { CouncilError, AllPersonasFailedError, ArbiterFailedError } from './errors.js';
export type { CouncilErrorCode, PersonaFailure } from './errors.js';
export type {
  AskContext,
  AskFn,
  AskResult,
  CallPurpose,
  CouncilAnswer,
  CouncilEvent,
  CouncilMessage,
  CouncilOptions,
  CouncilResult,
  CouncilReview,
  CouncilRound,
  CouncilVerdict,
  TokenUsage,
} from './types.js';
