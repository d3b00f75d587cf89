// A flood of the same kind of line (401s from a client that keeps trying) must not fill the log:
// at most `burst` lines per window; the first line of the next window says how many were held back.

export const LOG_WINDOW_MS = 60_000;
export const LOG_BURST = 10;

export function throttledLog(log: (line: string) => void, windowMs = LOG_WINDOW_MS, burst = LOG_BURST): (line: string) => void {
  let windowStart = -Infinity;
  let logged = 0;
  let held = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      logged = 0;
    }
    if (logged >= burst) {
      held++;
      return;
    }
    logged++;
    log(held ? `${line} (and ${held} more like it held back)` : line);
    held = 0;
  };
}
