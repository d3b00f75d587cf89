import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** One line of a file, without its newline. `end` is the byte offset just past the newline (or EOF). */
export interface FileLine {
  /** The line; empty when `overlong`. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset where the line starts. */
  readonly start: number;
  /** Byte offset after the line's newline (or after its last byte when unterminated). */
  readonly end: number;
  /** False only for a last line with no trailing newline (e.g. torn by a crash mid-write). */
  readonly terminated: boolean;
  /** The line is longer than `maxLineBytes`: its bytes were skipped, not kept. */
  readonly overlong?: true;
}

export interface ReadLinesOptions {
  /** Longest line kept, in bytes; a longer one is reported `overlong` with empty text. @default 16 MiB */
  readonly maxLineBytes?: number;
}

/** Longest line the readers keep by default: far past any prompt or answer a model takes or gives. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const CHUNK = 1 << 16;

/** A file that is not a regular file (a directory, a FIFO, a device) cannot be read this way. */
export class NotAFileError extends Error {
  readonly code = 'ENOTFILE';
  readonly kind: string;
  constructor(path: string, kind: string) {
    super(`${path} is ${kind}, not a regular file`);
    this.name = 'NotAFileError';
    this.kind = kind;
  }
}

/** What a non-regular file is, for messages ("a directory", "a FIFO"…); undefined for a regular file. */
type StatKind = { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean };

export function fileKind(stat: StatKind): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Reads a regular file line by line with synchronous chunked reads. Each byte is searched for a
 * newline once and a line is assembled once, so time is linear in the file's size however long its
 * lines; memory is one chunk plus the longest line kept (`maxLineBytes`). Splits on the newline
 * byte, so multi-byte UTF-8 never breaks. Throws NotAFileError for a directory, FIFO or device
 * (they cannot be read at an offset, and some never end).
 */
export function* readLines(path: string, options: ReadLinesOptions = {}): Generator<FileLine> {
  const max = options.maxLineBytes ?? MAX_LINE_BYTES;
  const fd = openSync(path, 'r');
  try {
    const kind = fileKind(fstatSync(fd));
    if (kind !== undefined) throw new NotAFileError(path, kind);
    const chunk = Buffer.allocUnsafe(CHUNK);
    // The current line's bytes seen so far in earlier chunks (copies: `chunk` is reused).
    let parts: Buffer[] = [];
    let partsBytes = 0;
    let overlong = false;
    let lineStart = 0; // file offset where the current line starts
    let lineNo = 0;
    let offset = 0;
    // The line ends at `buf[to]` (exclusive), its last part starting at `buf[from]`.
    const finish = (buf: Buffer, from: number, to: number, end: number, terminated: boolean): FileLine => {
      lineNo++;
      let text = '';
      if (!overlong) {
        let whole = buf;
        if (parts.length > 0) {
          whole = Buffer.concat([...parts, buf.subarray(from, to)]);
          from = 0;
          to = whole.length;
        }
        if (terminated && to > from && whole[to - 1] === 13) to--; // tolerate CRLF
        text = whole.toString('utf8', from, to);
      }
      const line: FileLine = overlong
        ? { text, line: lineNo, start: lineStart, end, terminated, overlong: true }
        : { text, line: lineNo, start: lineStart, end, terminated };
      parts = [];
      partsBytes = 0;
      overlong = false;
      lineStart = end;
      return line;
    };
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, offset);
      if (read === 0) break;
      const chunkStart = offset;
      offset += read;
      let from = 0;
      let nl = chunk.indexOf(10, from);
      while (nl !== -1 && nl < read) {
        if (!overlong && partsBytes + (nl - from) > max) overlong = true;
        yield finish(chunk, from, nl, chunkStart + nl + 1, true);
        from = nl + 1;
        nl = chunk.indexOf(10, from);
      }
      if (from < read && !overlong) {
        if (partsBytes + (read - from) > max) {
          overlong = true;
          parts = [];
        } else parts.push(Buffer.from(chunk.subarray(from, read)));
        partsBytes += read - from;
      }
    }
    if (parts.length > 0 || overlong) yield finish(chunk, 0, 0, offset, false);
  } finally {
    closeSync(fd);
  }
}
