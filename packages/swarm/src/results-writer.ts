import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { ResultsFileError, ResultsWriteError } from './errors.js';

/** fsync, except on a pipe or device (`--out /dev/stdout`), which has nothing to sync (EINVAL). */
function syncUnlessStream(fd: number): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  }
}

export interface ResultsWriterOptions {
  /** Keep what the file holds and add to it (resume); otherwise truncate. @default false */
  readonly append?: boolean | undefined;
  /** Pending bytes (as UTF-16 length) that force a flush before the tick ends. @default 1 MiB */
  readonly maxPending?: number;
  /** Told about a failed write (disk full…); the writer stops accepting lines afterwards. */
  readonly onError?: (error: ResultsWriteError) => void;
  /** Permissions of a file it creates (before the umask), e.g. 0o600 for one holding prompts. @default 0o666 */
  readonly mode?: number;
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * Appends JSONL lines to a file, batched: every line pushed during one event-loop turn goes out in a
 * single `write` of whole lines at the next `setImmediate` (or sooner past `maxPending`). A crash can
 * therefore only lose the lines of the last turn or tear the very last line, which the resume reader
 * detects and truncates. Memory is bounded by one turn's lines.
 */
export class ResultsWriter {
  readonly path: string;
  #fd: number;
  #pending = '';
  #scheduled = false;
  #closed = false;
  #lines = 0;
  #count = 0; // lines in #pending
  #error: ResultsWriteError | undefined;
  readonly #maxPending: number;
  readonly #onError: ((error: ResultsWriteError) => void) | undefined;
  readonly #flushBound = () => {
    this.#scheduled = false;
    this.#flushSafely();
  };

  constructor(path: string, options: ResultsWriterOptions = {}) {
    this.path = path;
    this.#maxPending = options.maxPending ?? 1 << 20;
    this.#onError = options.onError;
    try {
      this.#fd = openSync(path, options.append ? 'a' : 'w', options.mode ?? 0o666);
    } catch (error) {
      throw new ResultsFileError(`cannot open ${path} for writing: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
  }

  /** Lines handed to the OS so far. */
  get linesWritten(): number {
    return this.#lines;
  }

  get error(): ResultsWriteError | undefined {
    return this.#error;
  }

  /** Queues one line (without its newline). */
  push(line: string): void {
    if (this.#closed || this.#error) return;
    this.#pending += line;
    this.#pending += '\n';
    this.#count++;
    if (this.#pending.length >= this.#maxPending) this.#flushSafely();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flushBound);
    }
  }

  /** Writes everything pending now, in one write call. Throws on failure. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const data = Buffer.from(this.#pending, 'utf8');
    const lines = this.#count;
    this.#pending = '';
    this.#count = 0;
    let done = 0;
    try {
      while (done < data.length) done += writeSync(this.#fd, data, done, data.length - done);
    } catch (error) {
      throw this.#writeError(error);
    }
    this.#lines += lines;
  }

  #writeError(error: unknown): ResultsWriteError {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code !== undefined && FULL.has(code) ? `the disk is full (${code})` : (code ?? String(error));
    const kept =
      this.#lines === 0 ? 'nothing was written' : `the ${this.#lines} line${this.#lines === 1 ? '' : 's'} written before are kept, --resume finishes the rest`;
    return new ResultsWriteError(`cannot write ${this.path}: ${why}; ${kept}`, { cause: error, errno: code });
  }

  #flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.#error = error as ResultsWriteError;
      this.#onError?.(this.#error);
    }
  }

  /** Flushes, optionally fsyncs, and closes the file. Idempotent. */
  close(options: { sync?: boolean } = {}): void {
    if (this.#closed) return;
    try {
      if (!this.#error) this.flush();
      if (options.sync) syncUnlessStream(this.#fd);
    } finally {
      this.#closed = true;
      closeSync(this.#fd);
    }
  }
}
