/** Stable codes of every error hook-monitor throws. */
export type HookMonitorErrorCode =
  | 'EMPTY_STORE'
  | 'UNKNOWN_RUN'
  | 'BAD_DURATION'
  | 'BAD_SINCE'
  | 'USAGE'
  | 'STORE_UNREADABLE'
  | 'WRITE_FAILED'
  | 'BUSY';

/** The base error of hook-monitor: a user-facing message and a stable `code`. */
export class HookMonitorError extends Error {
  readonly code: HookMonitorErrorCode;

  constructor(code: HookMonitorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HookMonitorError';
    this.code = code;
  }
}
