import type { Input } from './types.js';
import { invalid } from './validate.js';

/** How a run reads its input: an array by index, else a sync or async iterator. */
export type Source<T> =
  | { readonly kind: 'array'; readonly array: readonly T[] }
  | { readonly kind: 'sync'; readonly iterator: Iterator<T> }
  | { readonly kind: 'async'; readonly iterator: AsyncIterator<T> };

export function checkInput(input: unknown): void {
  if (
    input === null ||
    (typeof input !== 'object' && typeof input !== 'string') ||
    (typeof (input as Iterable<unknown>)[Symbol.iterator] !== 'function' &&
      typeof (input as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function')
  ) {
    throw invalid('input', 'an array, an iterable or an async iterable', input);
  }
}

/** Opens the input; an async iterable wins over a sync one when an object is both. */
export function openSource<T>(input: Input<T>): Source<T> {
  if (Array.isArray(input)) return { kind: 'array', array: input };
  if (typeof (input as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    return { kind: 'async', iterator: (input as AsyncIterable<T>)[Symbol.asyncIterator]() };
  }
  return { kind: 'sync', iterator: (input as Iterable<T>)[Symbol.iterator]() };
}

/** Tells an iterator nobody will read further (runs a generator's `finally`); errors are swallowed. */
export function closeSource<T>(source: Source<T>): void {
  if (source.kind === 'array') return;
  try {
    const closing = source.iterator.return?.();
    if (closing !== undefined && typeof (closing as Promise<unknown>).then === 'function') {
      (closing as Promise<unknown>).then(undefined, () => {});
    }
  } catch {
    // The input is being abandoned; a failing close changes nothing for the run.
  }
}
