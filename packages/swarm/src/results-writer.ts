import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { ResultsFileError } from './errors.js';

export interface ResultsWriterOptions {
  /** Keep what the file holds and add to it (resume); otherwise truncate. @default false */
  readonly append?: boolean;
  /** Pending bytes (as UTF-16 length) that force a flush before the tick ends. @default 1 MiB */
  readonly maxPending?: number;
  /** Told about a failed write (disk full…); the writer stops accepting lines afterwards. */
  readonly onError?: (error: ResultsFileError) => void;
}

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
  #error: ResultsFileError | undefined;
  readonly #maxPending: number;
  readonly #onError: ((error: ResultsFileError) => void) | undefined;
  readonly #flushBound = () => {
    this.#scheduled = false;
    this.#flushSafely();
  };

  constructor(path: string, options: ResultsWriterOptions = {}) {
    this.path = path;
    this.#maxPending = options.maxPending ?? 1 << 20;
    this.#onError = options.onError;
    try {
      this.#fd = openSync(path, options.append ? 'a' : 'w');
    } catch (error) {
      throw new ResultsFileError(`cannot open ${path} for writing: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
  }

  /** Lines handed to the OS so far. */
  get linesWritten(): number {
    return this.#lines;
  }

  get error(): ResultsFileError | undefined {
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
      throw new ResultsFileError(`cannot write ${this.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    this.#lines += lines;
  }

  #flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.#error = error as ResultsFileError;
      this.#onError?.(this.#error);
    }
  }

  /** Flushes, optionally fsyncs, and closes the file. Idempotent. */
  close(options: { sync?: boolean } = {}): void {
    if (this.#closed) return;
    try {
      if (!this.#error) this.flush();
      if (options.sync) fsyncSync(this.#fd);
    } finally {
      this.#closed = true;
      closeSync(this.#fd);
    }
  }
}
