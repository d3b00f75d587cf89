import { defaultCacheDir } from './cache.js';
import { OffloadError } from './errors.js';
import type { OffloadOptions } from './types.js';

/** OffloadOptions with every default filled in, checked at the door. */
export interface ResolvedOptions {
  readonly question: string;
  readonly paths: readonly string[];
  readonly stdin: string | undefined;
  readonly budget: number;
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs: number | undefined;
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
  readonly cwd: string;
  readonly includeUntracked: boolean;
  readonly maxFileBytes: number;
  readonly chunkTokens: number;
  /** Most tokens of findings one reduce call gets. */
  readonly reduceInputTokens: number;
  readonly keepUnverified: boolean;
  readonly cacheDir: string | false;
}

export const DEFAULTS = {
  budget: 800,
  concurrency: 50,
  retries: 5,
  maxFileBytes: 1024 * 1024,
  chunkTokens: 6000,
} as const;

function describe(value: unknown): string {
  return `\`${String(value)}\` (${typeof value})`;
}

function integer(name: string, value: number | undefined, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new OffloadError('USAGE', `Expected \`${name}\` to be an integer from ${min} and up, got ${describe(value)}`);
  return value;
}

function positive(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new OffloadError('USAGE', `Expected \`${name}\` to be a number above 0, got ${describe(value)}`);
  }
  return value;
}

export function resolveOptions(options: OffloadOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new OffloadError('USAGE', `Expected options to be an object, got ${describe(options)}`);
  const question = typeof options.question === 'string' ? options.question.trim() : '';
  if (question === '') throw new OffloadError('USAGE', 'the question is empty: say what the readers should look for');
  const paths = options.paths ?? [];
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) {
    throw new OffloadError('USAGE', 'Expected `paths` to be an array of non-empty strings');
  }
  if (options.stdin !== undefined && typeof options.stdin !== 'string')
    throw new OffloadError('USAGE', `Expected \`stdin\` to be a string, got ${describe(options.stdin)}`);
  if (paths.length === 0 && options.stdin === undefined) {
    throw new OffloadError('USAGE', 'nothing to read: give paths (files, directories, globs) or text on stdin');
  }
  const chunkTokens = integer('chunkTokens', options.chunkTokens, 100, DEFAULTS.chunkTokens);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  if (cacheDir !== false && (typeof cacheDir !== 'string' || cacheDir === '')) {
    throw new OffloadError('USAGE', `Expected \`cacheDir\` to be a directory path or false, got ${describe(cacheDir)}`);
  }
  return {
    question,
    paths,
    stdin: options.stdin,
    budget: integer('budget', options.budget, 16, DEFAULTS.budget),
    concurrency: integer('concurrency', options.concurrency, 1, DEFAULTS.concurrency),
    retries: integer('retries', options.retries, 0, DEFAULTS.retries),
    timeoutMs: positive('timeoutMs', options.timeoutMs),
    rpm: positive('rpm', options.rpm),
    tpm: positive('tpm', options.tpm),
    cwd: options.cwd ?? process.cwd(),
    includeUntracked: options.includeUntracked === true,
    maxFileBytes: integer('maxFileBytes', options.maxFileBytes, 1, DEFAULTS.maxFileBytes),
    chunkTokens,
    reduceInputTokens: 2 * chunkTokens,
    keepUnverified: options.keepUnverified === true,
    cacheDir,
  };
}
