// p-map's own test suite (sindresorhus/p-map test.js and its pMapSkip complexity test; the cases and
// their fixtures are p-map's, MIT licence, © Sindre Sorhus, rewritten for jest), run against
// pmap and pstream through the thin adapter in test-helpers/p-map-adapter.ts. Every test that applies
// is here under p-map's name. Where an assertion had to change, a comment says why:
// - pstream yields in completion order (README), where pMapIterable keeps input order: those tests
//   compare contents, not order;
// - the input TypeError names `input` in our own wording (README, "Bad option values");
// - pstream has no `backpressure` option: tasks running plus results waiting stay within
//   `concurrency`, so tests about backpressure check that bound;
// - p-map bounds wall times from both sides (`assertInRange`). The lower bound stays (no timer
//   fires early); the upper bound, which is about overlap, is asserted as overlap itself (start and
//   end order), because wall-clock ceilings flake on a busy machine.
import { getEventListeners } from 'node:events';
import { describe, expect, test } from '@jest/globals';
import { pMap, pMapIterable, pMapSkip } from './test-helpers/p-map-adapter.js';
import type { Input } from './types.js';

type Pair = readonly [unknown, number];

const delay = <V = undefined>(ms: number, value?: V) => new Promise<V>((resolve) => setTimeout(() => resolve(value as V), ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const since = (start: number) => performance.now() - start;

const sharedInput = (): unknown[] => [[async () => 10, 300], [20, 200], Promise.resolve([30, 100])];
const longerSharedInput = (): Pair[] => [
  [10, 300],
  [20, 200],
  [30, 100],
  [40, 50],
  [50, 25],
];
const errorInput1 = (): Pair[] => [
  [20, 200],
  [30, 100],
  [async () => Promise.reject(new Error('foo')), 10],
  [
    () => {
      throw new Error('bar');
    },
    10,
  ],
];
const errorInput2 = (): Pair[] => [
  [20, 200],
  [async () => Promise.reject(new Error('bar')), 10],
  [30, 100],
  [
    () => {
      throw new Error('foo');
    },
    10,
  ],
];
const errorInput3 = (): Pair[] => [
  [20, 10],
  [async () => Promise.reject(new Error('bar')), 100],
  [30, 100],
];

async function mapper([value, ms]: Pair): Promise<unknown> {
  await delay(ms);
  return typeof value === 'function' ? await (value as () => unknown)() : value;
}

async function mapperWithIndex(pair: Pair, index: number) {
  return { value: await mapper(pair), index };
}

/** Records when each mapper starts and ends (ms from creation), keyed by the pair's value. */
function timeline() {
  const start = performance.now();
  const starts = new Map<unknown, number>();
  const ends = new Map<unknown, number>();
  return {
    starts,
    ends,
    mapper: async (pair: Pair) => {
      const key = typeof pair[0] === 'function' ? pair[1] : pair[0];
      starts.set(key, since(start));
      const value = await mapper(pair);
      ends.set(key, since(start));
      return value;
    },
  };
}

/** A sync iterable that throws on one index and counts its `next()` calls in `index`. */
class ThrowingIterator {
  index = 0;
  constructor(
    private readonly max: number,
    private readonly throwOnIndex: number,
  ) {}

  [Symbol.iterator](): Iterator<number> {
    let index = 0;
    return {
      next: () => {
        try {
          if (index === this.throwOnIndex) throw new Error(`throwing on index ${index}`);
          return { value: index, done: index === this.max } as IteratorResult<number>;
        } finally {
          index++;
          this.index = index;
        }
      },
    };
  }
}

/** An async iterable that waits 10 ms before each element. */
class AsyncTestData<T> {
  constructor(private readonly data: readonly T[]) {}

  async *[Symbol.asyncIterator]() {
    for (const element of this.data) {
      await delay(10);
      yield element;
    }
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

/** The error `promise` rejects with; a fulfilment fails the test. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );

/** A gate the test opens by hand. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

/** An async source like a queue: `next()` after `done` is counted (a real queue might block there). */
function exhaustibleSource(count: number) {
  let index = 0;
  let exhausted = false;
  const source = {
    nextCallsAfterDone: 0,
    [Symbol.asyncIterator](): AsyncIterator<number> {
      return {
        next: async () => {
          if (exhausted) {
            source.nextCallsAfterDone++;
            return { done: true as const, value: undefined };
          }
          if (index < count) return { done: false as const, value: index++ };
          exhausted = true;
          return { done: true as const, value: undefined };
        },
      };
    },
  };
  return source;
}

/** A sync source of `count` items (endless without it) that counts calls of its `return()`. */
function closableSyncSource(count = Infinity) {
  const source = {
    returnCalls: 0,
    [Symbol.iterator](): Iterator<number> {
      let index = 0;
      return {
        next: () => ({ done: index >= count, value: index++ }) as IteratorResult<number>,
        return() {
          source.returnCalls++;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return source;
}

/** An endless async source whose `return()` rejects. */
function failingReturnSource(): AsyncIterable<number> {
  return {
    [Symbol.asyncIterator]() {
      let index = 0;
      return {
        next: async () => ({ done: false, value: index++ }),
        return: async (): Promise<IteratorResult<number>> => {
          throw new Error('return failed');
        },
      };
    },
  };
}

/** Runs `body` and returns the rejections nobody handled meanwhile. */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (error: unknown) => seen.push(error);
  process.on('unhandledRejection', onUnhandled);
  try {
    await body();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return seen;
}

/** For the tests of input order and overlap with three pairs: each started before the others ended. */
function expectAllOverlapping(t: ReturnType<typeof timeline>) {
  const lastStart = Math.max(...t.starts.values());
  const firstEnd = Math.min(...t.ends.values());
  expect(lastStart).toBeLessThan(firstEnd);
}

/** ...or ran one after another in input order. */
function expectSerial(t: ReturnType<typeof timeline>, keys: readonly unknown[]) {
  for (let i = 1; i < keys.length; i++) expect(t.starts.get(keys[i])!).toBeGreaterThanOrEqual(t.ends.get(keys[i - 1])!);
}

// p-map runs each of these twice, on an array and (prefixed `asyncIterator - `) on an async iterable
// that waits 10 ms before each element.
const inputKinds = [
  { kind: 'an array', prefix: '', of: <T>(data: readonly T[]): Input<T> => data },
  { kind: 'an async iterable', prefix: 'asyncIterator - ', of: <T>(data: readonly T[]): Input<T> => new AsyncTestData(data) },
];

describe.each(inputKinds)('p-map’s test suite against pmap, on $kind', ({ prefix, of }) => {
  test(`${prefix}main`, async () => {
    const t = timeline();
    const start = performance.now();
    expect(await pMap(of(sharedInput() as Pair[]), t.mapper)).toEqual([10, 20, 30]);
    expect(since(start)).toBeGreaterThanOrEqual(290);
    // Upper bound 430 ms in p-map: the three ran side by side.
    expectAllOverlapping(t);
  });

  test(`${prefix}concurrency: 1`, async () => {
    const t = timeline();
    const start = performance.now();
    expect(await pMap(of(sharedInput() as Pair[]), t.mapper, { concurrency: 1 })).toEqual([10, 20, 30]);
    expect(since(start)).toBeGreaterThanOrEqual(590);
    // Upper bound 760 ms in p-map: one after another, in input order.
    expectSerial(t, [300, 20, 30]);
  });

  test(`${prefix}concurrency: 4`, async () => {
    let running = 0;
    let most = 0;
    await pMap(of(new Array(100).fill(0)), async () => {
      running++;
      most = Math.max(most, running);
      await delay(randomInt(30, 200));
      running--;
    }, { concurrency: 4 });
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
  });

  test(`${prefix}handles empty iterable`, async () => {
    expect(await pMap(of([]), mapper)).toEqual([]);
  });

  test.each([
    ['random time sequence', Array.from({ length: 10 }, () => randomInt(0, 100))],
    ['problematic time sequence', [100, 200, 10, 36, 13, 45]],
    ['out of order time sequence', [200, 100, 50]],
  ])(`${prefix}async with concurrency: 2 (%s)`, async (_name, input) => {
    expect(await pMap(of(input), (value) => delay(value, value), { concurrency: 2 })).toEqual(input);
  });

  test(`${prefix}enforce number in options.concurrency`, async () => {
    await expect(pMap(of([]), () => {}, { concurrency: 0 })).rejects.toBeInstanceOf(TypeError);
    await expect(pMap(of([]), () => {}, { concurrency: 1.5 })).rejects.toBeInstanceOf(TypeError);
    for (const concurrency of [1, 10, Number.POSITIVE_INFINITY]) await expect(pMap(of([]), () => {}, { concurrency })).resolves.toEqual([]);
  });

  test(`${prefix}immediately rejects when stopOnError is true`, async () => {
    await expect(pMap(of(errorInput1()), mapper, { concurrency: 1 })).rejects.toThrow('foo');
    await expect(pMap(of(errorInput2()), mapper, { concurrency: 1 })).rejects.toThrow('bar');
  });

  test(`${prefix}aggregate errors when stopOnError is false`, async () => {
    await expect(pMap(of(sharedInput() as Pair[]), mapper, { concurrency: 1, stopOnError: false })).resolves.toEqual([10, 20, 30]);
    for (const [input, order] of [
      [errorInput1(), ['foo', 'bar']],
      [errorInput2(), ['bar', 'foo']],
    ] as const) {
      const error = await rejection(pMap(of(input), mapper, { concurrency: 1, stopOnError: false }));
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(order);
    }
  });

  // pMapSkip is the adapter's (pmap has no skip marker); these check that values pass through in order.
  test.each([
    ['pMapSkip', [1, pMapSkip, 2], [1, 2]],
    ['multiple pMapSkips', [1, pMapSkip, 2, pMapSkip, 3, pMapSkip, pMapSkip, 4], [1, 2, 3, 4]],
    ['all pMapSkips', [pMapSkip, pMapSkip, pMapSkip, pMapSkip], []],
  ])(`${prefix}%s`, async (_name, input, expected) => {
    expect(await pMap(of(input), async (value) => value)).toEqual(expected);
  });

  test(`${prefix}all mappers should run when concurrency is infinite, even after stop-on-error happened`, async () => {
    const mapped: unknown[] = [];
    await expect(
      pMap(of([1, async () => delay(300, 2), 3]), async (value) => {
        const v = typeof value === 'function' ? await value() : value;
        mapped.push(v);
        if (v === 1) {
          await delay(100);
          throw new Error(`Oops! ${String(v)}`);
        }
      }),
    ).rejects.toThrow('Oops! 1');
    await delay(500);
    expect(mapped).toEqual([1, 3, 2]);
  });
});

describe('p-map’s test suite against pmap: async iterable input', () => {
  test('asyncIterator - get the correct exception after stop-on-error', async () => {
    const mapped: unknown[] = [];
    const task = pMap(new AsyncTestData([1, async () => delay(200, 2), async () => delay(300, 3)]), async (value) => {
      const v = typeof value === 'function' ? await value() : value;
      mapped.push(v);
      // Every item throws: the run must reject with the first error only.
      await delay(100);
      throw new Error(`Oops! ${String(v)}`);
    });
    task.catch(() => {});
    await delay(500);
    await expect(task).rejects.toThrow('Oops! 1');
    expect(mapped).toEqual([1, 2, 3]);
  });
});

describe('p-map’s test suite against pmap: sources that fail or end', () => {
  // The 2nd item differs from the 1st at concurrency 1 (its next() is called after a task, not at the
  // start); after a mapper threw or resolved with stopOnError: false, next() is called from other paths.
  test.each([
    { name: '1st item', max: 100, throwOn: 0, ms: 100, mapperThrows: false, options: { concurrency: 1, stopOnError: true }, mapped: [] },
    { name: '2nd item', max: 100, throwOn: 1, ms: 100, mapperThrows: false, options: { concurrency: 1, stopOnError: true }, mapped: [0] },
    {
      name: '2nd item after 1st item mapper throw',
      max: 100,
      throwOn: 1,
      ms: 100,
      mapperThrows: true,
      options: { concurrency: 1, stopOnError: false },
      mapped: [0],
    },
    {
      name: 'after a mapper resolved with stopOnError: false',
      max: 6,
      throwOn: 3,
      ms: 50,
      mapperThrows: false,
      options: { concurrency: 2, stopOnError: false },
      mapped: [0, 1, 2],
    },
  ])('catches exception from source iterator - $name', async ({ max, throwOn, ms, mapperThrows, options, mapped: expected }) => {
    const input = new ThrowingIterator(max, throwOn);
    const mapped: number[] = [];
    const error = await rejection(
      pMap(input, async (value) => {
        mapped.push(value);
        await delay(ms);
        if (mapperThrows) throw new Error('mapper threw error');
        return value;
      }, options),
    );
    expect((error as Error).message).toBe(`throwing on index ${throwOn}`);
    expect(input.index).toBe(throwOn + 1);
    // Nothing is pulled or mapped after the source failed.
    await delay(3 * ms);
    expect(input.index).toBe(throwOn + 1);
    expect(mapped).toEqual(expected);
  });

  test('asyncIterator - catches exception from source iterator with stopOnError: false', async () => {
    let didThrow = false;
    async function* source() {
      yield 0;
      yield 1;
      yield 2;
      didThrow = true;
      throw new Error('source failed');
    }
    const mapped: number[] = [];
    const error = await rejection(
      pMap(source(), async (value) => {
        mapped.push(value);
        await delay(50);
        return value;
      }, { concurrency: 2, stopOnError: false }),
    );
    expect((error as Error).message).toBe('source failed');
    expect(didThrow).toBe(true);
    await delay(200);
    expect(mapped).toEqual([0, 1, 2]);
  });

  test('aggregates rejected input elements when stopOnError is false', async () => {
    const input = [Promise.reject(new Error('input 0')), 1, Promise.reject(new Error('input 2')), 3];
    const mapped: unknown[] = [];
    const error = await rejection(
      pMap(input, async (value) => {
        mapped.push(value);
        await delay(10);
        return value;
      }, { concurrency: 2, stopOnError: false }),
    );
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(['input 0', 'input 2']);
    expect(mapped).toEqual([1, 3]);
  });

  test('incorrect input type', async () => {
    let mapperCalled = false;
    const task = pMap(123_456 as unknown as number[], async () => {
      mapperCalled = true;
      await delay(100);
    });
    task.catch(() => {});
    await delay(500);
    // p-map: "Expected `input` to be either an `Iterable` or `AsyncIterable`, got (number)"; ours
    // follows every other option's wording (README, "Bad option values").
    await expect(task).rejects.toThrow(new TypeError('Expected `input` to be an array, an iterable or an async iterable, got `123456` (number)'));
    expect(mapperCalled).toBe(false);
  });

  test('prefers the async iterator when the input has both, like `for await`', async () => {
    const input = {
      [Symbol.iterator](): Iterator<number> {
        throw new Error('sync iteration is not supported');
      },
      async *[Symbol.asyncIterator]() {
        yield 1;
        yield 2;
      },
    };
    expect(await pMap(input, (value) => value * 10)).toEqual([10, 20]);
    // pstream yields in completion order: compared as a set.
    expect((await collect(pMapIterable(input, (value) => value * 10))).sort()).toEqual([10, 20]);
  });

  test('no unhandled rejected promises from mapper throws - infinite concurrency', async () => {
    const mapped: number[] = [];
    await expect(
      pMap([1, 2, 3], async (value) => {
        mapped.push(value);
        await delay(100);
        throw new Error(`Oops! ${value}`);
      }),
    ).rejects.toThrow('Oops! 1');
    expect(mapped).toEqual([1, 2, 3]);
  });

  test('no unhandled rejected promises from mapper throws - concurrency 1', async () => {
    const mapped: number[] = [];
    await expect(
      pMap([1, 2, 3], async (value) => {
        mapped.push(value);
        await delay(100);
        throw new Error(`Oops! ${value}`);
      }, { concurrency: 1 }),
    ).rejects.toThrow('Oops! 1');
    expect(mapped).toEqual([1]);
  });

  test('invalid mapper', async () => {
    await expect(pMap([], 'invalid mapper' as never, { concurrency: 2 })).rejects.toBeInstanceOf(TypeError);
  });

  test('abort by AbortController', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(pMap([delay(1000), new AsyncTestData([100]), 100], async (value) => value, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  test('already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(pMap([delay(1000), new AsyncTestData([100]), 100], async (value) => value, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('closes the source iterator when a mapper rejects', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) yield i;
      } finally {
        closed = true;
      }
    }
    await expect(
      pMap(source(), async (value) => {
        if (value === 1) throw new Error('mapper error');
        await delay(10);
        return value;
      }, { concurrency: 2 }),
    ).rejects.toThrow('mapper error');
    await delay(10);
    expect(closed).toBe(true);
  });

  test('closes the source iterator when aborted', async () => {
    const iterable = closableSyncSource();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(pMap(iterable, () => delay(1000), { concurrency: 2, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(iterable.returnCalls).toBe(1);
  });

  test('does not close the source iterator when it completes', async () => {
    const iterable = closableSyncSource(3);
    expect(await pMap(iterable, async (value) => value, { concurrency: 2 })).toEqual([0, 1, 2]);
    expect(iterable.returnCalls).toBe(0);
    const error = await rejection(
      pMap(iterable, async () => {
        throw new Error('mapper error');
      }, { concurrency: 2, stopOnError: false }),
    );
    expect(error).toBeInstanceOf(AggregateError);
    expect(iterable.returnCalls).toBe(0);
  });

  test('a source `return()` that rejects does not affect the `pMap` rejection', async () => {
    const iterable = failingReturnSource();
    const unhandled = await unhandledDuring(async () => {
      await expect(
        pMap(iterable, async () => {
          throw new Error('mapper error');
        }, { concurrency: 2 }),
      ).rejects.toThrow('mapper error');
      await delay(50);
    });
    expect(unhandled).toEqual([]);
  });

  test('does not call `next()` on an exhausted source iterator', async () => {
    const source = exhaustibleSource(3);
    expect(await pMap(source, async (value) => {
      await delay(10);
      return value;
    }, { concurrency: 2 })).toEqual([0, 1, 2]);
    expect(source.nextCallsAfterDone).toBe(0);
  });

  test('asyncIterator - does not call `next()` on an exhausted source iterator with stopOnError: false', async () => {
    const source = exhaustibleSource(3);
    const error = await rejection(
      pMap(source, async (value) => {
        await delay(10);
        throw new Error(`mapper error ${value}`);
      }, { concurrency: 2, stopOnError: false }),
    );
    expect(error).toBeInstanceOf(AggregateError);
    expect(source.nextCallsAfterDone).toBe(0);
  });

  test('does not call `next()` on an exhausted sync source iterator', async () => {
    let nextCallsAfterDone = 0;
    const source = {
      [Symbol.iterator]() {
        let index = 0;
        return {
          next() {
            if (index > 3) nextCallsAfterDone++;
            return { done: index === 3, value: index++ };
          },
        };
      },
    };
    expect(await pMap(source, async (value) => {
      await delay(10);
      return value;
    })).toEqual([0, 1, 2]);
    expect(nextCallsAfterDone).toBe(0);
  });
});

// pstream yields in completion order where pMapIterable keeps input order (README): results are
// compared sorted unless the test runs one task at a time.
describe('p-map’s pMapIterable tests against pstream', () => {
  const sorted = (values: unknown[]) => [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  test('pMapIterable', async () => {
    expect(sorted(await collect(pMapIterable(sharedInput() as Pair[], mapper)))).toEqual([10, 20, 30]);
  });

  test('pMapIterable - index in mapper', async () => {
    const byIndex = (values: { index: number }[]) => [...values].sort((a, b) => a.index - b.index);
    expect(byIndex(await collect(pMapIterable(sharedInput() as Pair[], mapperWithIndex)))).toEqual([
      { value: 10, index: 0 },
      { value: 20, index: 1 },
      { value: 30, index: 2 },
    ]);
    expect(byIndex(await collect(pMapIterable(longerSharedInput(), mapperWithIndex)))).toEqual([10, 20, 30, 40, 50].map((value, index) => ({ value, index })));
  });

  test('pMapIterable - index in mapper (out-of-order-settling promises)', async () => {
    const input = [delay(50, 'a'), delay(10, 'b'), delay(30, 'c')];
    const result = await collect(pMapIterable(input, async (value, index) => [value, index] as const, { concurrency: 3 }));
    expect(sorted(result)).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  test('pMapIterable - empty', async () => {
    expect(await collect(pMapIterable([], mapper))).toEqual([]);
  });

  test('pMapIterable - iterable that throws', async () => {
    let first = true;
    const iterable = {
      [Symbol.asyncIterator]() {
        return {
          async next(): Promise<IteratorResult<Pair>> {
            if (!first) return { done: true, value: undefined };
            first = false;
            throw new Error('foo');
          },
        };
      },
    };
    await expect(pMapIterable(iterable, mapper)[Symbol.asyncIterator]().next()).rejects.toThrow('foo');
  });

  test('pMapIterable - iterable that rejects with undefined', async () => {
    const iterable = {
      [Symbol.asyncIterator]() {
        return { next: () => Promise.reject(undefined as unknown) as Promise<IteratorResult<Pair>> };
      },
    };
    let rejected = false;
    let reason: unknown = 'not set';
    try {
      await pMapIterable(iterable, mapper)[Symbol.asyncIterator]().next();
    } catch (error) {
      rejected = true;
      reason = error;
    }
    expect(rejected).toBe(true);
    expect(reason).toBeUndefined();
  });

  test('pMapIterable - no unhandled rejection when an in-flight `next()` rejects after an error', async () => {
    let nextCalls = 0;
    const iterable = {
      [Symbol.asyncIterator]() {
        return {
          async next(): Promise<IteratorResult<number>> {
            nextCalls++;
            if (nextCalls === 1) return { done: false, value: 1 };
            await delay(50);
            throw new Error('next() failed');
          },
        };
      },
    };
    const unhandled = await unhandledDuring(async () => {
      await expect(
        collect(pMapIterable(iterable, async () => {
          throw new Error('foo');
        }, { concurrency: 2 })),
      ).rejects.toThrow('foo');
      // Give the abandoned in-flight next() time to reject.
      await delay(200);
    });
    expect(unhandled).toEqual([]);
  });

  test('pMapIterable - mapper that throws', async () => {
    await expect(
      collect(pMapIterable(sharedInput() as Pair[], async () => {
        throw new Error('foo');
      })),
    ).rejects.toThrow('foo');
  });

  test('pMapIterable - stop on error', async () => {
    const output: unknown[] = [];
    let error: unknown;
    try {
      for await (const value of pMapIterable(errorInput3(), mapper)) output.push(value);
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).toBe('bar');
    expect(output).toEqual([20]);
  });

  test('pMapIterable - concurrency: 1', async () => {
    const t = timeline();
    const start = performance.now();
    // One at a time, so completion order is input order here.
    expect(await collect(pMapIterable(sharedInput() as Pair[], t.mapper, { concurrency: 1, backpressure: Infinity }))).toEqual([10, 20, 30]);
    expect(since(start)).toBeGreaterThanOrEqual(590);
    expectSerial(t, [300, 20, 30]);
  });

  test('pMapIterable - concurrency: 2', async () => {
    const t = timeline();
    const values = await collect(pMapIterable(longerSharedInput(), t.mapper, { concurrency: 2, backpressure: Infinity }));
    expect(sorted(values)).toEqual([10, 20, 30, 40, 50]);
    // p-map's windows (10 and 20 at 0–50 ms, 30 at 200–250, 40 and 50 at 300–350) as order: two start
    // at once, and each later one starts when a slot frees (20 ends → 30; 10 and 30 end → 40 and 50).
    const { starts, ends } = t;
    expect(Math.max(starts.get(10)!, starts.get(20)!)).toBeLessThan(Math.min(ends.get(10)!, ends.get(20)!));
    expect(starts.get(30)!).toBeGreaterThanOrEqual(ends.get(20)!);
    expect(starts.get(30)!).toBeLessThan(ends.get(10)!);
    expect(starts.get(40)!).toBeGreaterThanOrEqual(Math.min(ends.get(10)!, ends.get(30)!));
    expect(starts.get(50)!).toBeGreaterThanOrEqual(Math.max(ends.get(10)!, ends.get(30)!));
    expect(starts.get(30)!).toBeGreaterThanOrEqual(195);
    expect(starts.get(50)!).toBeGreaterThanOrEqual(295);
  });

  // p-map checks which value is current; with completion order the invariant is the bound itself:
  // a consumer that stops taking stalls the pool at `concurrency` tasks running plus results waiting.
  test('pMapIterable - backpressure', async () => {
    let completed = 0;
    const iterator = pMapIterable(longerSharedInput(), async (value) => {
      const result = await mapper(value);
      completed++;
      return result;
    }, { backpressure: 2, concurrency: 2 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    // If backpressure were not respected, all five would complete in this time.
    await delay(600);
    expect(completed).toBe(3);
    const second = await iterator.next();
    expect(second.done).toBe(false);
    await delay(100);
    expect(completed).toBe(4);
    await iterator.return!();
  });

  test('pMapIterable - async input, backpressure > concurrency', async () => {
    async function* source() {
      yield 1;
      yield 2;
      yield 3;
    }
    const log: number[] = [];
    await collect(pMapIterable(source(), async (n) => {
      log.push(n);
      await delay(100);
      log.push(n);
    }, { concurrency: 1, backpressure: 2 }));
    expect(log).toEqual([1, 1, 2, 2, 3, 3]);
  });

  test('pMapIterable - pMapSkip', async () => {
    expect(sorted(await collect(pMapIterable([1, pMapSkip, 2], async (value) => value)))).toEqual([1, 2]);
  });

  // p-map counts exactly 3 mapper calls (2 running + 1 for the first result). pstream may also have
  // started the next item in the microtasks before the consumer's break: at most concurrency + 1.
  // What matters is that nothing more starts once the consumer left.
  const stopsPulling = async (leave: (iterable: AsyncIterable<unknown>) => Promise<void>, input: 'async' | 'array') => {
    const { opened, release } = gate();
    let calls = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) yield i;
    }
    const iterable = pMapIterable(input === 'async' ? source() : Array.from({ length: 100 }, (_, i) => i), async (value) => {
      calls++;
      if (value > 0) {
        await opened;
        return pMapSkip;
      }
      return value;
    }, { concurrency: 2, backpressure: 2 });
    await leave(iterable);
    const atLeave = calls;
    expect(atLeave).toBeGreaterThanOrEqual(2);
    expect(atLeave).toBeLessThanOrEqual(3);
    release();
    await delay(50);
    expect(calls).toBe(atLeave);
  };

  test('pMapIterable - stops pulling input after the consumer breaks', async () => {
    await stopsPulling(async (iterable) => {
      for await (const value of iterable) {
        expect(value).toBe(0);
        break;
      }
    }, 'async');
  });

  test('pMapIterable - stops pulling input after `return()` is called', async () => {
    let iterator!: AsyncIterator<unknown>;
    await stopsPulling(async (iterable) => {
      iterator = iterable[Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ value: 0, done: false });
      expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    }, 'array');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  test('pMapIterable - stops pulling input after the consumer throws', async () => {
    await stopsPulling(async (iterable) => {
      await expect(
        (async () => {
          for await (const value of iterable) throw new Error(`consumer error ${String(value)}`);
        })(),
      ).rejects.toThrow('consumer error 0');
    }, 'async');
  });

  // p-map expects exactly [0, 1, 2, 3] to settle; which items had started when the consumer broke
  // depends on microtask order here (see above), so the check is that every started mapper settles.
  test('pMapIterable - in-flight mappers still settle after the consumer breaks', async () => {
    const { opened, release } = gate();
    const started: number[] = [];
    const settled: number[] = [];
    async function* source() {
      for (let i = 0; i < 100; i++) yield i;
    }
    for await (const value of pMapIterable(source(), async (value) => {
      started.push(value);
      if (value > 0) await opened;
      settled.push(value);
      return value;
    }, { concurrency: 3, backpressure: 3 })) {
      expect(value).toBe(0);
      break;
    }
    expect(settled).toEqual([0]);
    expect(started.length).toBeGreaterThanOrEqual(3);
    release();
    await delay(50);
    expect(settled.sort((a, b) => a - b)).toEqual(started.sort((a, b) => a - b));
  });

  // The consumer leaves (`leave`) while later input is still on its way (held back by a gate); once
  // the gate opens, no mapper may run for that input.
  const mapsNothingLate = async (
    input: (opened: Promise<void>) => Input<number | Promise<number>>,
    leave: (iterable: AsyncIterable<number>) => Promise<void>,
    { concurrency = 2, throws = false } = {},
  ) => {
    const { opened, release } = gate();
    const mapped: number[] = [];
    await leave(pMapIterable(input(opened), async (value) => {
      mapped.push(value);
      if (throws) throw new Error(`mapper error ${value}`);
      return value;
    }, { concurrency }));
    release();
    await delay(50);
    expect(mapped).toEqual([0]);
  };
  const lateSource = (opened: Promise<void>) =>
    (async function* () {
      yield 0;
      await opened;
      yield 1;
      yield 2;
    })();
  const breakAtFirst = async (iterable: AsyncIterable<number>) => {
    for await (const value of iterable) {
      expect(value).toBe(0);
      break;
    }
  };

  test('pMapIterable - does not call the mapper for input that arrives after the consumer breaks', async () => {
    await mapsNothingLate(lateSource, breakAtFirst);
  });

  test('pMapIterable - does not call the mapper for promise input that settles after the consumer breaks', async () => {
    await mapsNothingLate((opened) => [0, opened.then(() => 1), opened.then(() => 2)], breakAtFirst, { concurrency: 3 });
  });

  test('pMapIterable - does not call the mapper for input that arrives after a mapper throws', async () => {
    await mapsNothingLate(lateSource, (iterable) => expect(collect(iterable)).rejects.toThrow('mapper error 0'), { throws: true });
  });

  test('pMapIterable - does not call the mapper for input that arrives after `return()` is called', async () => {
    await mapsNothingLate(lateSource, async (iterable) => {
      const iterator = iterable[Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ value: 0, done: false });
      expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    });
  });

  test('pMapIterable - drops pending earlier input when a later mapper throws', async () => {
    const { opened, release } = gate();
    const mapped: number[] = [];
    const input = [opened.then(() => 0), 1];
    const run = collect(pMapIterable(input, async (value) => {
      mapped.push(value);
      throw new Error(`mapper error ${value}`);
    }, { concurrency: 2 }));
    run.catch(() => {});
    await delay(10);
    expect(mapped).toEqual([1]);
    release();
    await expect(run).rejects.toThrow('mapper error 1');
    await delay(10);
    expect(mapped).toEqual([1]);
  });

  const closesSource = async (leave: (iterable: AsyncIterable<number>) => Promise<void>, failOn?: number) => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) yield i;
      } finally {
        closed = true;
      }
    }
    await leave(pMapIterable(source(), async (value) => {
      if (value === failOn) throw new Error('mapper error');
      return value;
    }, { concurrency: 2 }));
    await delay(10);
    expect(closed).toBe(true);
  };

  test('pMapIterable - closes the source iterator when the consumer breaks', async () => {
    await closesSource(breakAtFirst);
  });

  test('pMapIterable - closes the source iterator when the consumer throws', async () => {
    await closesSource(async (iterable) => {
      await expect(
        (async () => {
          for await (const value of iterable) throw new Error(`consumer error ${value}`);
        })(),
      ).rejects.toThrow('consumer error 0');
    });
  });

  test('pMapIterable - closes the source iterator when the mapper throws', async () => {
    await closesSource(async (iterable) => {
      await expect(collect(iterable)).rejects.toThrow('mapper error');
    }, 1);
  });

  test('pMapIterable - closes a sync source iterator when `return()` is called', async () => {
    const iterable = closableSyncSource();
    const iterator = pMapIterable(iterable, async (value) => value, { concurrency: 2 })[Symbol.asyncIterator]();
    // Completion order: the first result is one of the first two items.
    const first = await iterator.next();
    expect([0, 1]).toContain(first.value);
    expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    expect(iterable.returnCalls).toBe(1);
  });

  test('pMapIterable - does not close the source iterator before it is exhausted', async () => {
    let closed = false;
    let exhausted = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
        exhausted = true;
      } finally {
        closed = true;
      }
    }
    expect(await collect(pMapIterable(source(), async (value) => value, { concurrency: 1 }))).toEqual([1, 2]);
    expect(exhausted).toBe(true);
    expect(closed).toBe(true);
  });

  test('pMapIterable - a source `return()` that rejects does not affect the consumer', async () => {
    const iterable = failingReturnSource();
    const unhandled = await unhandledDuring(async () => {
      for await (const value of pMapIterable(iterable, async (value) => value, { concurrency: 2 })) {
        expect([0, 1]).toContain(value);
        break;
      }
      await delay(50);
    });
    expect(unhandled).toEqual([]);
  });

  test('pMapIterable - a source blocked in `next()` does not block the consumer from stopping', async () => {
    async function* source() {
      yield 0;
      await new Promise(() => {}); // never settles
    }
    // p-map bounds this at 100 ms; a consumer that could not stop would never get here, so the
    // race's one-second sentinel fails the test instead of the suite's timeout.
    const stopped = (async () => {
      for await (const value of pMapIterable(source(), async (value) => value, { concurrency: 2 })) {
        expect(value).toBe(0);
        break;
      }
      return 'stopped';
    })();
    expect(await Promise.race([stopped, delay(1_000, 'blocked')])).toBe('stopped');
  });

  test('pMapIterable - does not call `return()` on an exhausted source iterator', async () => {
    const iterable = closableSyncSource(3);
    expect(sorted(await collect(pMapIterable(iterable, async (value) => value, { concurrency: 2 })))).toEqual([0, 1, 2]);
    expect(iterable.returnCalls).toBe(0);
  });

  test('pMapIterable - does not call `next()` on an exhausted source iterator', async () => {
    const source = exhaustibleSource(3);
    const values = await collect(pMapIterable(source, async (value) => {
      await delay(10);
      return value;
    }, { concurrency: 2, backpressure: 4 }));
    expect(sorted(values)).toEqual([0, 1, 2]);
    await delay(10);
    expect(source.nextCallsAfterDone).toBe(0);
  });

  test('pMapIterable - does not call `next()` on an exhausted source iterator when mappers skip', async () => {
    const source = exhaustibleSource(4);
    const values = await collect(pMapIterable(source, async (value) => {
      await delay(10);
      return value % 2 === 0 ? pMapSkip : value;
    }, { concurrency: 2, backpressure: 4 }));
    expect(sorted(values)).toEqual([1, 3]);
    await delay(10);
    expect(source.nextCallsAfterDone).toBe(0);
  });
});

// p-map's test-multiple-pmapskips-performance.js: 10× the items must take between 1.2× and 15× the
// time (a regression to O(n²) fails it), at p-map's default concurrency, Infinity. Adapted so that a
// busy machine cannot decide it: each size maps the same 100,000 items in total (100 runs of 1,000,
// 10 of 10,000, one of 100,000), so every size pays the same garbage collection (a lone run of
// 10,000 fits in V8's young generation and pays none, which makes even a plain `for … await` loop
// look superlinear at 100,000); time is the process's CPU time, which other processes do not add
// to; and each size keeps the best of three rounds, run interleaved after a warm-up.
describe('p-map’s complexity test against pmap', () => {
  test('multiple pMapSkips - algorithmic complexity', async () => {
    const total = 100_000;
    const sizes = [1_000, 10_000, 100_000];
    const inputs = sizes.map((n) => new Array<unknown>(n).fill(pMapSkip));
    const run = (input: unknown[]) => pMap(input, async (value) => value);
    expect(await run(inputs[1]!)).toEqual([]);
    const best = sizes.map(() => Infinity);
    for (let round = 0; round < 3; round++) {
      for (const [i, input] of inputs.entries()) {
        const before = process.cpuUsage();
        for (let k = 0; k < total / input.length; k++) await run(input);
        const used = process.cpuUsage(before);
        best[i] = Math.min(best[i]!, (used.user + used.system) / 1000);
      }
    }
    // best[i] is the CPU time of 100,000 items in runs of sizes[i]; 10× the items in one run.
    const ratios = best.slice(1).map((ms, i) => (10 * ms) / best[i]!);
    const report = sizes.map((n, i) => `runs of ${n}: ${best[i]!.toFixed(1)} ms`).join(', ');
    expect({ report, ratios: ratios.map((r) => (r >= 1.2 && r <= 15 ? 'in range' : `${r.toFixed(2)}× outside 1.2–15×`)) }).toEqual({
      report,
      ratios: ['in range', 'in range'],
    });
  });
});
