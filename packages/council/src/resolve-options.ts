// Options are checked at the door; each error names the option, the value and its type.
import { CouncilError } from './errors.js';
import type { AskFn, CouncilEvent, CouncilOptions } from './types.js';
import type { RetryOptions } from '@fanout/parallel-core';

export interface ResolvedCouncil {
  readonly question: string;
  readonly personas: readonly string[];
  readonly arbiter: string;
  readonly rounds: number;
  readonly speculative: boolean;
  readonly review: boolean;
  readonly ask: AskFn;
  readonly concurrency: number;
  readonly timeoutMs: number | undefined;
  readonly retry: number | RetryOptions;
  readonly signal: AbortSignal;
  readonly seed: number;
  readonly emit: (event: CouncilEvent) => void;
  /** True when the round may start (no `beforeRound`: always). */
  readonly allows: (round: number, verdictPending: boolean) => boolean;
}

function invalid(name: string, expected: string, value: unknown): CouncilError {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return new CouncilError('USAGE', `Expected \`${name}\` to be ${expected}, got \`${shown}\` (${typeof value})`);
}

function integer(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalid(name, `an integer from ${min} and up`, value);
  }
  return value;
}

function personaList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('personas', 'a non-empty array of names', value);
  const seen = new Set<string>();
  for (const name of value) {
    if (typeof name !== 'string' || name.trim() === '') throw invalid('personas', 'non-empty names', name);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new CouncilError('USAGE', `persona "${name}" is listed twice in \`personas\``);
    seen.add(key);
  }
  return value as string[];
}

export function resolveOptions(options: CouncilOptions): ResolvedCouncil {
  if (typeof options.question !== 'string' || options.question.trim() === '') {
    throw invalid('question', 'a non-empty string', options.question);
  }
  if (typeof options.ask !== 'function') throw invalid('ask', 'a function', options.ask);
  const personas = personaList(options.personas);
  const arbiter = options.arbiter ?? 'arbiter';
  if (typeof arbiter !== 'string' || arbiter.trim() === '') throw invalid('arbiter', 'a persona name', arbiter);
  const concurrency = options.concurrency ?? personas.length;
  if (concurrency !== Number.POSITIVE_INFINITY) integer('concurrency', concurrency, 1, 1);
  if (options.timeoutMs !== undefined && !(typeof options.timeoutMs === 'number' && options.timeoutMs > 0)) {
    throw invalid('timeoutMs', 'a number of ms above 0', options.timeoutMs);
  }
  const onEvent = options.onEvent;
  return {
    question: options.question,
    personas,
    arbiter,
    rounds: integer('rounds', options.rounds, 3, 1),
    speculative: options.speculative === true,
    review: options.review === true,
    ask: options.ask,
    concurrency,
    timeoutMs: options.timeoutMs,
    retry: options.retry ?? 2,
    signal: options.signal ?? new AbortController().signal,
    seed: integer('seed', options.seed, 0, 0),
    emit: onEvent ? (event) => onEvent(event) : () => {},
    allows: (round, verdictPending) => options.beforeRound?.(round, { verdictPending }) ?? true,
  };
}
