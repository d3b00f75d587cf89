import { AbortError } from './errors.js';
import { checkInput } from './input.js';
import { createPool, type PoolControl, type PoolSink } from './pool.js';
import { checkOptions } from './plain-policy.js';
import { resolvePolicy } from './resolve-policy.js';
import type { Input, Mapper, PstreamOptions, StreamResult } from './types.js';
import { checkFunction } from './validate.js';

interface Waiter<V> {
  resolve(result: IteratorResult<V, undefined>): void;
  reject(error: unknown): void;
}

/**
 * Maps `input` through `fn` like pmap, yielding `{ok, value | error, index, item}` in completion
 * order. The run starts at the first `next()`. With a consumer that falls behind, tasks running plus
 * results waiting stay within `concurrency`, and input is pulled no faster, so any number of items
 * runs in bounded memory. Leaving the loop early (`break`, `return`, a throw) aborts the tasks still
 * running and closes the input. The caller's `signal` makes the next `next()` reject with an AbortError.
 * @example for await (const r of pstream(lines(file), classify, { concurrency: 20 })) if (r.ok) write(r.value);
 */
export function pstream<T, R>(
  input: Input<T>,
  fn: Mapper<T, R>,
  options?: PstreamOptions,
): AsyncIterableIterator<StreamResult<T, R>> {
  checkInput(input);
  checkFunction('fn', fn);
  const policy = resolvePolicy(checkOptions(options) as PstreamOptions);

  type Item = StreamResult<T, R>;
  // Held results; bounded by the limit, so a plain array with a moving head is enough.
  let buffer: Item[] = [];
  let head = 0;
  const waiters: Waiter<Item>[] = [];
  let control: PoolControl | undefined;
  let ended = false;
  let failure: { error: unknown } | undefined;

  const sink: PoolSink<T> = {
    held: 0,
    result(index, item, ok, value) {
      const result = (ok ? { ok: true, value, index, item } : { ok: false, error: value, index, item }) as Item;
      const waiter = waiters.shift();
      if (waiter !== undefined) {
        waiter.resolve({ done: false, value: result });
        return;
      }
      buffer.push(result);
      sink.held++;
    },
    end(failed) {
      ended = true;
      failure = failed;
      if (head === buffer.length) settleWaiters();
    },
  };

  // After the end, waiting consumers get the failure (once) or `done`.
  function settleWaiters(): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift()!;
      if (failure !== undefined) {
        const { error } = failure;
        failure = undefined;
        waiter.reject(error);
      } else {
        waiter.resolve({ done: true, value: undefined });
      }
    }
  }

  function close(): void {
    if (!ended) {
      ended = true;
      control?.stop(new AbortError('The stream’s consumer stopped early'));
    }
    failure = undefined;
    buffer = [];
    head = 0;
    sink.held = 0;
    settleWaiters();
  }

  const iterator: AsyncIterableIterator<Item> = {
    next(): Promise<IteratorResult<Item, undefined>> {
      if (control === undefined && !ended) {
        control = createPool(input, fn, policy, sink);
        control.start();
      }
      if (head < buffer.length) {
        const value = buffer[head]!;
        buffer[head++] = undefined as unknown as Item;
        if (head === buffer.length) {
          buffer = [];
          head = 0;
        } else if (head >= 1024 && head * 2 >= buffer.length) {
          // A consumer that is always a little behind never empties the buffer: drop the taken part.
          buffer = buffer.slice(head);
          head = 0;
        }
        sink.held--;
        if (!ended) control!.pump();
        return Promise.resolve({ done: false, value });
      }
      if (ended) {
        if (failure !== undefined) {
          const { error } = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        return Promise.resolve({ done: true, value: undefined });
      }
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    return(): Promise<IteratorResult<Item, undefined>> {
      close();
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error?: unknown): Promise<IteratorResult<Item, undefined>> {
      close();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
