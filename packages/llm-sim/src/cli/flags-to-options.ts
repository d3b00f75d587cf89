import type { LatencyOption, SimOptions } from '../types.js';
import { readPrices } from './read-prices.js';
import { UsageError } from '@fanout/cli-kit/errors';

export interface SimFlags {
  port: number;
  latencyMs: number;
  latencyJitterMs?: number | undefined;
  latencySdMs?: number | undefined;
  errorRate: number;
  fabricateRate: number;
  rpm: number;
  tpm: number;
  seed: number;
  rules?: string | undefined;
  apiKeyEnv?: string | undefined;
  models?: string | undefined;
  streamChunkMs: number;
  batchDelayMs: number;
  batchFailureRate: number;
  batchExpireMs?: number | undefined;
  flexUnavailableRate?: number | undefined;
  flexLatencyFactor?: number | undefined;
  prices?: string | undefined;
  promptCache: boolean;
  promptCacheMinTokens?: number | undefined;
  promptCacheBlockTokens?: number | undefined;
}

function number(flag: string, value: number | undefined): number | undefined {
  if (value !== undefined && !Number.isFinite(value)) throw new UsageError(`--${flag} expects a number`);
  return value;
}

function latency(flags: SimFlags): LatencyOption {
  const mean = number('latency-ms', flags.latencyMs) ?? 0;
  const jitter = number('latency-jitter-ms', flags.latencyJitterMs);
  const sd = number('latency-sd-ms', flags.latencySdMs);
  if (jitter !== undefined && sd !== undefined) throw new UsageError('--latency-jitter-ms and --latency-sd-ms cannot be used together');
  if (jitter !== undefined) return { min: Math.max(0, mean - jitter), max: mean + jitter };
  if (sd !== undefined) return { mean, sd };
  return mean;
}

/** Turns parsed flags into SimOptions; the key comes from the environment variable named, never a flag. */
export function flagsToOptions(flags: SimFlags, env: NodeJS.ProcessEnv): SimOptions {
  let apiKey: string | undefined;
  if (flags.apiKeyEnv !== undefined) {
    apiKey = env[flags.apiKeyEnv];
    if (!apiKey) throw new UsageError(`--api-key-env ${flags.apiKeyEnv}: that environment variable is not set`);
  }
  const models = flags.models?.split(',').map((m) => m.trim()).filter(Boolean);
  return {
    port: number('port', flags.port) ?? 0,
    latencyMs: latency(flags),
    errorRate: number('error-rate', flags.errorRate) ?? 0,
    fabricateRate: number('fabricate-rate', flags.fabricateRate) ?? 0,
    rpm: number('rpm', flags.rpm) ?? 0,
    tpm: number('tpm', flags.tpm) ?? 0,
    seed: number('seed', flags.seed) ?? 0,
    streamChunkMs: number('stream-chunk-ms', flags.streamChunkMs) ?? 0,
    batchDelayMs: number('batch-delay-ms', flags.batchDelayMs) ?? 1000,
    batchFailureRate: number('batch-failure-rate', flags.batchFailureRate) ?? 0,
    ...(flags.batchExpireMs !== undefined && { batchExpireMs: number('batch-expire-ms', flags.batchExpireMs)! }),
    ...(flags.flexUnavailableRate !== undefined && { flexUnavailableRate: number('flex-unavailable-rate', flags.flexUnavailableRate)! }),
    ...(flags.flexLatencyFactor !== undefined && { flexLatencyFactor: number('flex-latency-factor', flags.flexLatencyFactor)! }),
    ...(flags.rules !== undefined && { rules: flags.rules }),
    ...(models !== undefined && { models }),
    ...(apiKey !== undefined && { apiKey }),
    ...(flags.prices !== undefined && { prices: readPrices(flags.prices) }),
    ...promptCache(flags),
  };
}

function promptCache(flags: SimFlags): Pick<SimOptions, 'promptCache'> {
  const min = number('prompt-cache-min-tokens', flags.promptCacheMinTokens);
  const block = number('prompt-cache-block-tokens', flags.promptCacheBlockTokens);
  if (flags.promptCache === false) {
    if (min !== undefined || block !== undefined)
      throw new UsageError('--prompt-cache-min-tokens and --prompt-cache-block-tokens need the prompt cache (drop --no-prompt-cache)');
    return { promptCache: false };
  }
  if (min === undefined && block === undefined) return {};
  return { promptCache: { ...(min !== undefined && { minTokens: min }), ...(block !== undefined && { blockTokens: block }) } };
}
