/** Stable codes of every error hook-monitor throws. */
export type HookMonitorErrorCode =
  | 'EMPTY_STORE'
  | 'UNKNOWN_RUN'
  | 'BAD_DURATION'
  | 'BAD_SINCE'
  | 'BAD_ARGUMENT'
  | 'STORE_UNREADABLE'
  | 'WRITE_FAILED';

/** The base error of hook-monitor: a user-facing message and a stable `code`. */
export class HookMonitorError extends Error {
  readonly code: HookMonitorErrorCode;
  override readonly cause?: unknown;

  constructor(code: HookMonitorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'HookMonitorError';
    this.code = code;
    if (options && 'cause' in options) this.cause = options.cause;
  }
}
