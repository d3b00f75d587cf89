/** Base class of every error swarm throws on purpose; `code` is stable for scripts and tests. */
export class SwarmError extends Error {
  readonly code: string;
  override readonly cause?: unknown;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'SwarmError';
    this.code = code;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A user mistake in flags: printed as one line, exit 2. */
export class UsageError extends SwarmError {
  constructor(message: string) {
    super('E_USAGE', message);
    this.name = 'UsageError';
  }
}

/** A bad line in an input file; the message starts with `FILE:LINE:`. */
export class InputError extends SwarmError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super('E_INPUT', `${file}:${line}: ${problem}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
  }
}

/** The results file cannot be used (unreadable, not JSONL, not writable). */
export class ResultsFileError extends SwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_RESULTS_FILE', message, options);
    this.name = 'ResultsFileError';
  }
}

/**
 * Writing results failed mid-run (disk full, I/O error): some work is lost for now, what was written
 * is kept, and `--resume` finishes the rest. Exit 1, not 2: nothing was wrong with how swarm was called.
 */
export class ResultsWriteError extends SwarmError {
  readonly errno: string | undefined;

  constructor(message: string, options: { cause?: unknown; errno?: string | undefined }) {
    super('E_RESULTS_WRITE', message, options);
    this.name = 'ResultsWriteError';
    this.errno = options.errno;
  }
}

/** `swarm merge` found results that do not add up: an id twice, ids missing, shards that do not fit. */
export class MergeError extends SwarmError {
  constructor(message: string) {
    super('E_MERGE', message);
    this.name = 'MergeError';
  }
}
