import { Writable } from 'node:stream';
import { afterEach, describe, expect, test } from '@jest/globals';
import { createProgress, pmap } from './index.js';
import { formatProgress } from './progress-text.js';
import { delay } from './test-helpers/tasks.js';

/** A terminal stand-in: says it is a TTY and keeps what was written. */
function fakeTty(columns = 120) {
  const chunks: string[] = [];
  let clears = 0;
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Writable & Record<string, unknown>;
  Object.assign(stream, {
    isTTY: true,
    columns,
    rows: 40,
    cursorTo: (_x: number, callback?: () => void) => ((clears = 0), callback?.(), true),
    clearLine: (_dir: number, callback?: () => void) => {
      // A drawer stuck clearing lines would never give the loop back: fail it loudly instead.
      if (++clears > 10_000) throw new Error('clearLine called 10000 times in one clear');
      callback?.();
      return true;
    },
    moveCursor: (_dx: number, _dy: number, callback?: () => void) => (callback?.(), true),
  });
  return { stream: stream as unknown as NodeJS.WriteStream, output: () => chunks.join('') };
}

const savedCi = process.env.CI;
const savedNoColor = process.env.NO_COLOR;
afterEach(() => {
  if (savedCi === undefined) delete process.env.CI;
  else process.env.CI = savedCi;
  if (savedNoColor === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = savedNoColor;
});

describe('progress', () => {
  // Every reporter that may draw is stopped at once: a running spinner hooks the process's stdio.
  const enabledFor = (options: Parameters<typeof createProgress>[0]) => {
    const reporter = createProgress(options);
    reporter.stop();
    return reporter.enabled;
  };

  test('silent unless the stream is a TTY and CI is not set', async () => {
    delete process.env.CI;
    expect(enabledFor({ stream: new Writable() as unknown as NodeJS.WriteStream })).toBe(false);
    expect(enabledFor({ stream: fakeTty().stream })).toBe(true);
    process.env.CI = 'true';
    const tty = fakeTty();
    const reporter = createProgress({ stream: tty.stream });
    expect(reporter.enabled).toBe(false);
    reporter.add('done');
    await delay(50);
    reporter.stop();
    expect(tty.output()).toBe('');
    expect(enabledFor({ stream: tty.stream, enabled: true })).toBe(true);
  });

  test('the line shows label, done/total, in flight, failed, retried, rate and ETA', () => {
    expect(formatProgress({ label: 'calls', total: 100, done: 40, inFlight: 8, failed: 1, retried: 2 }, 4_000)).toBe(
      'calls 40/100 · 8 in flight · 1 failed · 2 retried · 10.0/s · ETA 6s',
    );
    expect(formatProgress({ done: 3, inFlight: 0, failed: 0, retried: 0 }, 1_000)).toBe('3 · 0 in flight · 0 failed · 0 retried · 3.0/s');
  });

  test('a reporter can be driven by hand', () => {
    const reporter = createProgress({ label: 'files', total: 3, enabled: false });
    reporter.add('inFlight', 2);
    reporter.add('done');
    reporter.update({ retried: 4 });
    expect(reporter.state).toMatchObject({ label: 'files', total: 3, done: 1, inFlight: 2, retried: 4 });
    expect(reporter.text()).toMatch(/^files 1\/3 · 2 in flight · 0 failed · 4 retried · /);
    reporter.stop();
  });

  test('a run draws on a TTY and leaves its final line; NO_COLOR gives no colours', async () => {
    delete process.env.CI;
    process.env.NO_COLOR = '1';
    const tty = fakeTty();
    await pmap([1, 2, 3, 4, 5], async (x) => {
      await delay(60);
      if (x === 5) throw new Error('one failure');
    }, { concurrency: 2, progress: { label: 'items', stream: tty.stream } });
    const out = tty.output();
    expect(out).toContain('items 5/5 · 0 in flight · 1 failed · 0 retried');
    expect(out).toMatch(/items [0-4]\/5/);
    expect(out).not.toMatch(/\x1b\[3\dm/);
  });

  test('a terminal that reports 0 columns (as under `script`) is drawn on as 80 wide and does not stall the run', async () => {
    delete process.env.CI;
    const tty = fakeTty(0);
    const reporter = createProgress({ label: 'zero', stream: tty.stream });
    expect(reporter.enabled).toBe(true);
    const results = await pmap([1, 2, 3, 4], async (x) => {
      await delay(150);
      return x;
    }, { concurrency: 2, progress: reporter, failFast: true });
    reporter.stop();
    expect(results).toEqual([1, 2, 3, 4]);
    expect(tty.output()).toContain('zero 4 · 0 in flight');
  });

  test('progress: true on a non-TTY stderr draws nothing and costs nothing', async () => {
    const results = await pmap([1, 2, 3], async (x) => x, { progress: true, failFast: true });
    expect(results).toEqual([1, 2, 3]);
  });
});
