import { createProgress, type ProgressReporter } from '@fanout/parallel-core';

/**
 * parallel-core's progress line on stderr (TTY only, never under CI). A terminal that reports 0
 * columns (a pty with no size, e.g. under `script`) gets none: the spinner would otherwise compute
 * an unbounded number of lines to clear on every redraw.
 */
export function progressLine(label: string, total: number): ProgressReporter {
  const noWidth = process.stderr.isTTY === true && !(process.stderr.columns > 0);
  return createProgress(noWidth ? { label, total, enabled: false } : { label, total });
}
