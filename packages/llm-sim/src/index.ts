export { startSim } from './server.js';
export { SimError, type SimErrorCode } from './errors.js';
export { loadRulesFile } from './rules/load-rules.js';
export type { LatencyOption, RoundMatch, SimOptions, SimPrice, SimRule, SimRuleMatch, SimServer, SimStats, SimTokenizer, SimWeightedReply } from './types.js';
