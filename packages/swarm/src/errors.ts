/** A user mistake in flags or options (code `USAGE`): printed as one line, exit 2. fanout's one UsageError. */
export { UsageError } from '@fanout/cli-kit/errors';

/**
 * Codes of the errors swarm throws on purpose (oracle's own, such as `AUTH`, pass through):
 * - `E_INPUT`: a bad line in an input file (exit 2)
 * - `E_RESULTS_FILE`: the results file cannot be used (exit 2)
 * - `E_RESULTS_WRITE`: writing results failed mid-run (exit 1; `--resume` finishes)
 * - `E_MERGE`: `swarm merge` found results that do not add up (exit 2)
 * - `E_BATCH_API`: a Batch API call failed; `E_BATCH_UNKNOWN`: no such batch run
 */
export type SwarmErrorCode = 'E_INPUT' | 'E_RESULTS_FILE' | 'E_RESULTS_WRITE' | 'E_MERGE' | 'E_BATCH_API' | 'E_BATCH_UNKNOWN';

/** Base class of every error swarm throws on purpose; `code` is stable for scripts and tests. */
export class SwarmError extends Error {
  readonly code: SwarmErrorCode;

  constructor(code: SwarmErrorCode, message: string, options?: { cause?: unknown }) {
    // No `cause` at all rather than an undefined one.
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwarmError';
    this.code = code;
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
