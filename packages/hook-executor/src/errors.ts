/** Stable codes of every error hook-executor throws. */
export type HookExecutorErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'CONFIG_CYCLE'
  | 'CONFIG_UNKNOWN_ID'
  | 'USAGE'
  | 'SERVE_FAILED'
  | 'INPUT_INVALID'
  | 'SETTINGS_INVALID'
  | 'NO_BACKUP'
  | 'BACKUP_STALE'
  | 'BREAKER_UNKNOWN'
  | 'BREAKER_BUSY';

/** The base error of hook-executor: a one-line, user-facing message and a stable `code`. */
export class HookExecutorError extends Error {
  readonly code: HookExecutorErrorCode;

  constructor(code: HookExecutorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HookExecutorError';
    this.code = code;
  }
}

/** A configuration problem, naming the file and the JSON path (`hooks.PreToolUse[0].hooks[2].timeout`). */
export class ConfigError extends HookExecutorError {
  readonly file: string;
  readonly jsonPath: string;
  /** The problem alone, without file and path. */
  readonly problem: string;
  /** `failClosed` as far as it could be read from the broken file (a broken file may still say it). */
  readonly failClosed: boolean;

  constructor(
    code: HookExecutorErrorCode,
    file: string,
    jsonPath: string,
    problem: string,
    options?: { cause?: unknown; failClosed?: boolean },
  ) {
    super(code, `${file}: ${jsonPath ? `${jsonPath} ` : ''}${problem}`, options);
    this.name = 'ConfigError';
    this.file = file;
    this.jsonPath = jsonPath;
    this.problem = problem;
    this.failClosed = options?.failClosed ?? false;
  }

  /** The same error, marked fail-closed (another file of the same config asks for it). */
  asFailClosed(): ConfigError {
    if (this.failClosed) return this;
    return new ConfigError(this.code, this.file, this.jsonPath, this.problem, { cause: this.cause, failClosed: true });
  }
}
