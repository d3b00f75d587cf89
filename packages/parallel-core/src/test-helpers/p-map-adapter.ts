// p-map's API over pmap/pstream, so p-map's own test suite can run against them (p-map-compat.test.ts).
// Only what p-map does and parallel-core does not is added here: input elements may be promises
// (awaited before the mapper, and the mapper is skipped once the run has stopped, as p-map checks
// `isResolved`), `pMapSkip`, `stopOnError: false` as an AggregateError, and Infinity as the default
// concurrency. Everything else (order, limits, pulling, closing, abort) is pmap's or pstream's own.
import { pmap } from '../pmap.js';
import { pstream } from '../pstream.js';
import type { Input, Mapper } from '../types.js';

export const pMapSkip = Symbol('pMapSkip');

type PMapper<T, R> = (element: Awaited<T>, index: number) => R | PromiseLike<R>;

export interface PMapOptions {
  readonly concurrency?: number;
  readonly stopOnError?: boolean;
  readonly signal?: AbortSignal;
}

export interface PMapIterableOptions {
  readonly concurrency?: number;
  /** Not a pstream option: pstream's own bound is `concurrency` (tasks running plus results waiting). */
  readonly backpressure?: number;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** p-map awaits each element; a rejected one that waits for a slot must not count as unhandled meanwhile. */
function markHandled(input: unknown): void {
  if (!Array.isArray(input)) return;
  for (const element of input) if (element instanceof Promise) element.catch(() => {});
}

function wrap<T, R>(mapper: PMapper<T, R>): Mapper<unknown, R> {
  if (typeof mapper !== 'function') return mapper as unknown as Mapper<unknown, R>; // pmap's own check rejects it
  return async (item, { signal, index }) => {
    const element = (isThenable(item) ? await item : item) as Awaited<T>;
    if (signal.aborted) throw signal.reason;
    return mapper(element, index);
  };
}

export async function pMap<T, R>(input: Input<T>, mapper: PMapper<T, R>, options: PMapOptions = {}): Promise<R[]> {
  const { concurrency = Infinity, stopOnError = true, signal } = options;
  markHandled(input);
  const base = { concurrency, ...(signal === undefined ? {} : { signal }) };
  if (stopOnError) {
    const values = await pmap(input as Input<unknown>, wrap(mapper), { ...base, failFast: true });
    return values.filter((value) => value !== pMapSkip);
  }
  const settled = await pmap(input as Input<unknown>, wrap(mapper), base);
  const errors = settled.flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.length > 0) throw new AggregateError(errors);
  return settled.flatMap((r) => (r.ok && r.value !== pMapSkip ? [r.value] : []));
}

export function pMapIterable<T, R>(input: Input<T>, mapper: PMapper<T, R>, options: PMapIterableOptions = {}): AsyncIterable<R> {
  const { concurrency = Infinity } = options;
  markHandled(input);
  return {
    async *[Symbol.asyncIterator]() {
      // Leaving this loop early (a consumer's break, return or throw) returns pstream's iterator.
      for await (const r of pstream(input as Input<unknown>, wrap(mapper), { concurrency })) {
        if (!r.ok) throw r.error;
        if (r.value !== pMapSkip) yield r.value;
      }
    },
  };
}
