import { streamFor } from './hash.js';
import { latencySampler } from './latency.js';
import { RateLimiter } from './limits/rate-limiter.js';
import { validateOptions } from './options.js';
import { compileRules, type CompiledRule } from './rules/compile-rules.js';
import { loadRulesFile } from './rules/load-rules.js';
import { validateRules } from './rules/validate-rules.js';
import { PromptCache } from './cost/prompt-cache.js';
import { StatsCounter } from './stats.js';
import type { SimOptions, SimPrice, SimRule, SimTokenizer } from './types.js';

const DEFAULT_MODELS = ['sim-1', 'sim-1-mini'];

/** The live configuration of one server; `apply` swaps parts in place while it runs. */
export class SimState {
  readonly stats = new StatsCounter();
  seed = 0;
  errorRate = 0;
  fabricateRate = 0;
  streamChunkMs = 0;
  batchDelayMs = 1000;
  batchFailureRate = 0;
  batchExpireMs = 86_400_000;
  batchMaxRequests = 50_000;
  /** `service_tier: "flex"` requests wait this many times the latency… */
  flexLatencyFactor = 3;
  /** …and this share of them is answered 429 "Resource Unavailable". */
  flexUnavailableRate = 0.05;
  flexRandom: () => number = streamFor(0, 'flex');
  models: readonly string[] = DEFAULT_MODELS;
  modelSet = new Set(DEFAULT_MODELS);
  /** The exact Authorization header expected, when an apiKey is set. */
  authorization: string | undefined;
  rules: CompiledRule[] = [];
  limiter = new RateLimiter(0, 0);
  sampleLatency: () => number = () => 0;
  errorRandom: () => number = streamFor(0, 'errors');
  /** US dollars per million tokens, per model (answers to these models carry `usage.cost`). */
  prices = new Map<string, SimPrice>();
  /** Serves `cached_tokens`; undefined when turned off. */
  promptCache: PromptCache | undefined = new PromptCache({});
  /** A model's tokenizer, where one was given (else 4 characters per token). */
  tokenizer: ((model: string) => SimTokenizer | undefined) | undefined;
  #latency: SimOptions['latencyMs'] = 0;
  #rpm = 0;
  #tpm = 0;

  constructor(options: SimOptions) {
    this.apply(options, true);
  }

  /** Validates everything first, so a bad patch changes nothing. */
  apply(patch: Partial<SimOptions>, initial = false): void {
    validateOptions(patch);
    const rules = patch.rules === undefined ? undefined : resolveRules(patch.rules);
    if (patch.seed !== undefined) this.seed = patch.seed;
    if (patch.errorRate !== undefined) this.errorRate = patch.errorRate;
    if (patch.fabricateRate !== undefined) this.fabricateRate = patch.fabricateRate;
    if (patch.streamChunkMs !== undefined) this.streamChunkMs = patch.streamChunkMs;
    if (patch.batchDelayMs !== undefined) this.batchDelayMs = patch.batchDelayMs;
    if (patch.batchFailureRate !== undefined) this.batchFailureRate = patch.batchFailureRate;
    if (patch.batchExpireMs !== undefined) this.batchExpireMs = patch.batchExpireMs;
    if (patch.batchMaxRequests !== undefined) this.batchMaxRequests = patch.batchMaxRequests;
    if (patch.flexLatencyFactor !== undefined) this.flexLatencyFactor = patch.flexLatencyFactor;
    if (patch.flexUnavailableRate !== undefined) this.flexUnavailableRate = patch.flexUnavailableRate;
    if (patch.models !== undefined) {
      this.models = [...patch.models];
      this.modelSet = new Set(patch.models);
    }
    if (patch.prices !== undefined) this.prices = new Map(Object.entries(patch.prices));
    // A new cache starts empty: setting it is how a test forgets what was sent before.
    if (patch.promptCache !== undefined) this.promptCache = patch.promptCache === false ? undefined : new PromptCache(patch.promptCache);
    if ('tokenizer' in patch) this.tokenizer = patch.tokenizer;
    if ('apiKey' in patch) this.authorization = patch.apiKey === undefined ? undefined : `Bearer ${patch.apiKey}`;
    if (rules) this.rules = compileRules(rules);
    if (patch.latencyMs !== undefined) this.#latency = patch.latencyMs;
    // The random streams restart when the seed or the distribution changes, so a run is reproducible.
    if (initial || patch.seed !== undefined || patch.latencyMs !== undefined) {
      this.sampleLatency = latencySampler(this.#latency ?? 0, streamFor(this.seed, 'latency'));
    }
    if (initial || patch.seed !== undefined || patch.errorRate !== undefined) this.errorRandom = streamFor(this.seed, 'errors');
    if (initial || patch.seed !== undefined || patch.flexUnavailableRate !== undefined) this.flexRandom = streamFor(this.seed, 'flex');
    if (patch.rpm !== undefined) this.#rpm = patch.rpm;
    if (patch.tpm !== undefined) this.#tpm = patch.tpm;
    if (initial || patch.rpm !== undefined || patch.tpm !== undefined) this.limiter = new RateLimiter(this.#rpm, this.#tpm);
  }
}

function resolveRules(rules: readonly SimRule[] | string): readonly SimRule[] {
  if (typeof rules === 'string') return loadRulesFile(rules);
  validateRules(rules, 'Option `rules`');
  return rules;
}
