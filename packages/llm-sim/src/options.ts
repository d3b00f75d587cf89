import { SimError, describeValue } from './errors.js';
import type { SimOptions } from './types.js';

const KNOWN = new Set<string>([
  'port', 'host', 'latencyMs', 'errorRate', 'fabricateRate', 'rpm', 'tpm', 'seed', 'rules', 'models', 'streamChunkMs',
  'apiKey', 'batchDelayMs', 'batchFailureRate', 'batchExpireMs', 'batchMaxRequests',
  'flexLatencyFactor', 'flexUnavailableRate', 'prices', 'promptCache', 'tokenizer',
]);

function fail(name: string, expected: string, value: unknown): never {
  throw new SimError('USAGE', `Expected \`${name}\` to be ${expected}, got ${describeValue(value)}`);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function checkNonNegative(name: string, value: unknown): void {
  if (value !== undefined && (!isNumber(value) || value < 0)) fail(name, 'a number from 0 and up', value);
}

function checkFraction(name: string, value: unknown): void {
  if (value !== undefined && (!isNumber(value) || value < 0 || value > 1)) fail(name, 'a number from 0 to 1', value);
}

function checkLatency(value: unknown): void {
  if (value === undefined) return;
  if (isNumber(value)) {
    if (value < 0) fail('latencyMs', 'a number from 0 and up', value);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if ('min' in o || 'max' in o) {
      if (isNumber(o.min) && isNumber(o.max) && o.min >= 0 && o.max >= o.min) return;
      fail('latencyMs', '{ min, max } with 0 ≤ min ≤ max', value);
    }
    if ('mean' in o || 'sd' in o) {
      if (isNumber(o.mean) && isNumber(o.sd) && o.mean >= 0 && o.sd >= 0) return;
      fail('latencyMs', '{ mean, sd } with mean ≥ 0 and sd ≥ 0', value);
    }
  }
  fail('latencyMs', 'a number, { min, max } or { mean, sd }', value);
}

function checkPrices(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('prices', 'an object of model → { input, cached_input?, output }', value);
  for (const [model, price] of Object.entries(value as Record<string, unknown>)) {
    const p = price as Record<string, unknown> | null;
    const rate = (field: string, optional: boolean) => (optional && p?.[field] === undefined) || (isNumber(p?.[field]) && (p![field] as number) >= 0);
    if (typeof p !== 'object' || p === null || !rate('input', false) || !rate('output', false) || !rate('cached_input', true)) {
      fail(`prices.${model}`, '{ input, cached_input?, output } in dollars per million tokens, each ≥ 0', price);
    }
  }
}

function checkPromptCache(value: unknown): void {
  if (value === undefined || value === false) return;
  const o = value as Record<string, unknown> | null;
  const size = (field: string) => o?.[field] === undefined || (Number.isInteger(o[field]) && (o[field] as number) >= 1);
  if (typeof o !== 'object' || o === null || !size('minTokens') || !size('blockTokens')) {
    fail('promptCache', 'false or { minTokens?, blockTokens? } (integers from 1 and up)', value);
  }
}

/** Validates options at the door; the error names the option, the value and its type. */
export function validateOptions(options: Partial<SimOptions>): void {
  if (typeof options !== 'object' || options === null) fail('options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new SimError('USAGE', `Unknown option \`${key}\``);
  }
  const o = options as Record<string, unknown>;
  if (o.port !== undefined && (!Number.isInteger(o.port) || (o.port as number) < 0 || (o.port as number) > 65535)) {
    fail('port', 'an integer from 0 to 65535', o.port);
  }
  if (o.host !== undefined && o.host !== '127.0.0.1') fail('host', "'127.0.0.1' (llm-sim binds loopback only)", o.host);
  checkLatency(o.latencyMs);
  checkFraction('errorRate', o.errorRate);
  checkFraction('fabricateRate', o.fabricateRate);
  checkFraction('batchFailureRate', o.batchFailureRate);
  checkFraction('flexUnavailableRate', o.flexUnavailableRate);
  if (o.flexLatencyFactor !== undefined && (!isNumber(o.flexLatencyFactor) || o.flexLatencyFactor < 1))
    fail('flexLatencyFactor', 'a number from 1 and up', o.flexLatencyFactor);
  for (const name of ['rpm', 'tpm', 'streamChunkMs', 'batchDelayMs', 'batchExpireMs']) checkNonNegative(name, o[name]);
  if (o.batchMaxRequests !== undefined && (!Number.isInteger(o.batchMaxRequests) || (o.batchMaxRequests as number) < 1)) {
    fail('batchMaxRequests', 'an integer from 1 and up', o.batchMaxRequests);
  }
  if (o.seed !== undefined && !isNumber(o.seed)) fail('seed', 'a finite number', o.seed);
  if (o.models !== undefined) {
    const ok = Array.isArray(o.models) && o.models.length > 0 && o.models.every((m) => typeof m === 'string' && m !== '');
    if (!ok) fail('models', 'a non-empty array of model names', o.models);
  }
  if (o.apiKey !== undefined && (typeof o.apiKey !== 'string' || o.apiKey === '')) {
    // Never echo a key, even a malformed one.
    throw new SimError('USAGE', `Expected \`apiKey\` to be a non-empty string, got a ${typeof o.apiKey}`);
  }
  checkPrices(o.prices);
  checkPromptCache(o.promptCache);
  if (o.tokenizer !== undefined && typeof o.tokenizer !== 'function') fail('tokenizer', 'a function from a model name to a tokenizer', o.tokenizer);
  if (o.rules !== undefined && typeof o.rules !== 'string' && !Array.isArray(o.rules)) {
    fail('rules', 'an array of rules or a path to a JSON rules file', o.rules);
  }
}
