import { AbortError } from './errors.js';
import { checkInput } from './input.js';
import { createPool, type PoolSink } from './pool.js';
import { checkOptions } from './plain-policy.js';
import { resolvePolicy } from './resolve-policy.js';
import type { Input, Mapper, PmapOptions, Settled } from './types.js';
import { checkBoolean, checkFunction } from './validate.js';

/**
 * Maps `input` (an array, iterable or async iterable, pulled lazily) through `fn` with at most
 * `concurrency` tasks at once. Results come back in input order: settled records by default, or plain
 * values with `failFast: true`, which rejects with the first error (after retries), aborts the signal
 * running tasks see and stops pulling input. Rejects with an AbortError when `signal` aborts.
 * @example const pages = await pmap(urls, (url, { signal }) => fetch(url, { signal }), { concurrency: 8, retry: 3 });
 */
export function pmap<T, R>(input: Input<T>, fn: Mapper<T, R>, options: PmapOptions & { readonly failFast: true }): Promise<R[]>;
export function pmap<T, R>(
  input: Input<T>,
  fn: Mapper<T, R>,
  options?: PmapOptions & { readonly failFast?: false },
): Promise<Settled<R>[]>;
export function pmap<T, R>(input: Input<T>, fn: Mapper<T, R>, options?: PmapOptions): Promise<R[] | Settled<R>[]>;
export function pmap<T, R>(input: Input<T>, fn: Mapper<T, R>, options?: PmapOptions): Promise<R[] | Settled<R>[]> {
  return new Promise((resolve, reject) => {
    checkInput(input);
    checkFunction('fn', fn);
    const o = checkOptions(options) as PmapOptions;
    const failFast = o.failFast === undefined ? false : checkBoolean('failFast', o.failFast);
    const policy = resolvePolicy(o);
    const results: unknown[] = Array.isArray(input) ? new Array(input.length) : [];
    const sink: PoolSink<T> = {
      held: 0,
      result: failFast
        ? (index, _item, ok, value) => {
            if (ok) {
              results[index] = value;
              return;
            }
            control.stop(new AbortError('Aborted because another task failed (failFast)', { cause: value }));
            reject(value);
          }
        : (index, _item, ok, value) => {
            results[index] = ok ? value : new Failure(value);
          },
      end(failure) {
        if (failure !== undefined) reject(failure.error);
        else resolve(failFast ? (results as R[]) : toSettled(results));
      },
    };
    const control = createPool(input, fn, policy, sink);
    control.start();
  });
}

/** A failed task's error while the run lasts (a value can never be one: the class is private). */
class Failure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

/**
 * Turns the collected values into settled records in place, at the end. Making the records as tasks
 * finish would keep each one alive through the whole run, and a young object that survives is copied
 * by every scavenge until it is promoted: at high concurrency that copying was most of the run's time.
 */
function toSettled<R>(results: unknown[]): Settled<R>[] {
  for (let i = 0; i < results.length; i++) {
    const value = results[i];
    results[i] = value instanceof Failure ? { ok: false, error: value.error } : { ok: true, value };
  }
  return results as Settled<R>[];
}
