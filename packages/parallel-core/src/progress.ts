import { formatProgress } from './progress-text.js';
import type { ProgressOptions, ProgressReporter, ProgressState } from './types.js';
import { checkBoolean, checkInteger, checkObject, invalid } from './validate.js';

type Spinner = { text: string; start(): Spinner; stop(): Spinner; stopAndPersist(options: { symbol: string; text: string }): Spinner };

const REDRAW_MS = 100;

/** Checks progress options (shared by createProgress and the runs' door checks). */
export function checkProgressOptions(options: unknown): ProgressOptions {
  const o = checkObject('progress', options, 'a boolean, progress options or a progress reporter') as ProgressOptions;
  if (o.stream !== undefined && typeof o.stream?.write !== 'function') throw invalid('progress.stream', 'a writable stream', o.stream);
  if (o.enabled !== undefined) checkBoolean('progress.enabled', o.enabled);
  if (o.total !== undefined) checkInteger('progress.total', o.total, 0);
  if (o.label !== undefined && typeof o.label !== 'string') throw invalid('progress.label', 'a string', o.label);
  return o;
}

/**
 * What ora draws on: the stream, except that a terminal reporting 0 columns (as under `script`, or
 * a pty nobody sized) reads as 80. ora divides by `columns` to count the lines to clear, so 0 made it
 * clear lines forever and stalled the run.
 */
function drawingTarget(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const view = {
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      const columns = stream.columns;
      return typeof columns === 'number' && columns > 0 ? columns : 80;
    },
    get rows() {
      return stream.rows;
    },
    write: (...args: unknown[]) => (stream.write as (...a: unknown[]) => boolean)(...args),
    cursorTo: (...args: unknown[]) => (stream.cursorTo as (...a: unknown[]) => boolean)(...args),
    moveCursor: (...args: unknown[]) => (stream.moveCursor as (...a: unknown[]) => boolean)(...args),
    clearLine: (...args: unknown[]) => (stream.clearLine as (...a: unknown[]) => boolean)(...args),
    once(event: string, listener: () => void) {
      stream.once(event, listener);
      return view;
    },
    removeListener(event: string, listener: () => void) {
      stream.removeListener(event, listener);
      return view;
    },
  };
  return view as unknown as NodeJS.WriteStream;
}

function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * A progress line on stderr (ora): label, done/total, in flight, failed, retried, rate/s and ETA.
 * Drawn only when the stream is a TTY and `CI` is not set (or when `enabled` forces it); NO_COLOR is
 * respected. ora is imported only once a display is actually enabled, so a disabled reporter costs
 * nothing to create or drive.
 * @example const progress = createProgress({ label: 'calls', total: 1000 }); progress.add('done'); progress.stop();
 */
export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const o = checkProgressOptions(options);
  const stream = o.stream ?? process.stderr;
  const enabled = o.enabled ?? (stream.isTTY === true && !inCi());
  const state: { -readonly [K in keyof ProgressState]: ProgressState[K] } = {
    ...(o.label !== undefined && { label: o.label }),
    ...(o.total !== undefined && { total: o.total }),
    done: 0,
    inFlight: 0,
    failed: 0,
    retried: 0,
  };
  const startedAt = performance.now();
  let spinner: Spinner | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let dirty = false;

  const text = () => formatProgress(state, performance.now() - startedAt);

  if (enabled) {
    // Deliberately detached: drawing starts when ora has loaded; counts are kept meanwhile.
    import('ora').then(
      ({ default: ora }) => {
        if (stopped) return;
        spinner = ora({
          text: text(),
          stream: drawingTarget(stream),
          color: 'NO_COLOR' in process.env ? false : 'cyan',
          discardStdin: false,
          isEnabled: true,
        }) as unknown as Spinner;
        spinner.start();
        timer = setInterval(() => {
          if (dirty && spinner) {
            dirty = false;
            spinner.text = text();
          }
        }, REDRAW_MS);
        timer.unref();
      },
      () => {
        // No ora (a trimmed install): run without a display rather than fail the work.
      },
    );
  }

  return {
    enabled,
    get state(): ProgressState {
      return { ...state };
    },
    update(change) {
      Object.assign(state, change);
      dirty = true;
    },
    add(field, n = 1) {
      state[field] += n;
      dirty = true;
    },
    text,
    stop(stopOptions) {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (!spinner) return;
      if (stopOptions?.clear) spinner.stop();
      else spinner.stopAndPersist({ symbol: state.failed > 0 ? '!' : '✓', text: text() });
    },
  };
}
