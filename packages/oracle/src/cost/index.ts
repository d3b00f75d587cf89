export { BUILTIN_PRICES_FILE, loadPrices, priceFiles, type PriceSearchOptions } from './load-prices.js';
export { PriceFileError, PriceTable, type CacheRule, type ModelPrice, type PriceSource, type ResolvedPrice } from './price-table.js';
export { NO_USAGE, readUsage, totalTokens } from './usage.js';
export { CostMeter, roundUsd, usageCost, type CostTotals, type MeterOptions, type PriceTier } from './meter.js';
export { CostEstimator, type EstimateTotals } from './estimate.js';
export { PrefixCacheModel } from './prefix-cache.js';
export { pricingTarget } from './pricing-target.js';
export { CHARS_PER_TOKEN, DEFAULT_OUTPUT_TOKENS, contentText, estimateTokens, promptTokens, textMessages } from './tokens.js';
export {
  APPROXIMATION,
  encodingFor,
  tokenCounter,
  tokenizerFor,
  type EncodingCounter,
  type TextMessage,
  type TokenCounter,
} from './tokenizer.js';
export type { EncodingName } from './bpe.js';
export { BudgetGuard, EXIT_BUDGET, crossedLimit, hasLimit, type BudgetLimits, type Spend } from './budget.js';
export { BudgetGate } from './budget-gate.js';
export { overBudget, type OverBudget } from './over-budget.js';
export {
  budgetLimits,
  checkCostFlags,
  costOptions,
  costOptionSpecs,
  expectedOutput,
  higherLimitHint,
  type CostFlags,
  type CostOptionsConfig,
  type OnBudget,
} from './cost-flags.js';
export { costText, estimateJson, estimateLines, formatUsd, priceNote, tokenizerNote, usageLine } from './format-cost.js';
