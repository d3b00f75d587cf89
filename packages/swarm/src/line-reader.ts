import { closeSync, openSync, readSync } from 'node:fs';

/** One line of a file, without its newline. `end` is the byte offset just past the newline (or EOF). */
export interface FileLine {
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset where the line starts. */
  readonly start: number;
  /** Byte offset after the line's newline (or after its last byte when unterminated). */
  readonly end: number;
  /** False only for a last line with no trailing newline (e.g. torn by a crash mid-write). */
  readonly terminated: boolean;
}

const CHUNK = 1 << 16;

/**
 * Reads a file line by line with synchronous chunked reads: memory is one chunk plus the longest line,
 * whatever the file's size. Splits on the newline byte, so multi-byte UTF-8 never breaks.
 */
export function* readLines(path: string): Generator<FileLine> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer | undefined;
    let carryStart = 0; // byte offset of carry[0] in the file
    let lineNo = 0;
    let offset = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, offset);
      if (read === 0) break;
      offset += read;
      const buf: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let from = 0;
      let nl = buf.indexOf(10, from);
      while (nl !== -1) {
        lineNo++;
        const end = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl; // tolerate CRLF
        yield { text: buf.toString('utf8', from, end), line: lineNo, start: carryStart + from, end: carryStart + nl + 1, terminated: true };
        from = nl + 1;
        nl = buf.indexOf(10, from);
      }
      // Copy the tail: `chunk` is reused by the next read.
      carry = from < buf.length ? Buffer.from(buf.subarray(from)) : undefined;
      carryStart += from;
    }
    if (carry && carry.length > 0) {
      lineNo++;
      yield { text: carry.toString('utf8'), line: lineNo, start: carryStart, end: carryStart + carry.length, terminated: false };
    }
  } finally {
    closeSync(fd);
  }
}
