// Where to resume reading a file that only grows (a transcript, a store file): from a mark (its inode,
// a hash of its first bytes, the offset after the last whole line read) to its last whole line now.
// A file replaced (another inode, or a reused inode with other first bytes) or shrunk is read again
// from its start; a last line still being written is left for next time.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { HEAD_BYTES } from './import-state.js';
import type { FileMark } from './import-state.js';

/** The offset just past the file's last newline at or before `size` (-1 for none after `from`). */
export function lastNewline(fd: number, size: number, from: number): number {
  const block = Buffer.alloc(64 * 1024);
  for (let end = size; end > from; ) {
    const start = Math.max(from, end - block.length);
    const n = fs.readSync(fd, block, 0, end - start, start);
    const at = block.subarray(0, n).lastIndexOf(10);
    if (at >= 0) return start + at;
    end = start;
  }
  return -1;
}

/** sha1 of the file's first bytes, up to `upTo`. */
function headHash(fd: number, upTo: number): string {
  const head = Buffer.alloc(Math.max(0, Math.min(HEAD_BYTES, upTo)));
  const n = fs.readSync(fd, head, 0, head.length, 0);
  return createHash('sha1').update(head.subarray(0, n)).digest('hex');
}

/** What to read: [start, end] holds whole lines only. */
export interface Span {
  readonly ino: number;
  readonly head: string;
  readonly start: number;
  readonly end: number;
}

export interface SpanOptions {
  /** Read no further than this many bytes past the start (whole lines; a longer line is read whole). */
  readonly maxBytes?: number;
}

/** The span to read now, or undefined when there is nothing new (or the file is gone). */
export function spanOf(file: string, markOf: (ino: number) => FileMark | undefined, options: SpanOptions = {}): Span | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined; // removed since the listing
  }
  try {
    const stat = fs.fstatSync(fd);
    const mark = markOf(stat.ino);
    const resume = mark !== undefined && mark.ino === stat.ino && mark.offset <= stat.size && mark.head === headHash(fd, mark.offset);
    const start = resume ? mark.offset : 0;
    // Only whole lines: a writer may be writing the last one right now.
    const limit = options.maxBytes === undefined ? stat.size : Math.min(stat.size, start + options.maxBytes);
    let end = lastNewline(fd, limit, start);
    if (end < start && limit < stat.size) end = lastNewline(fd, stat.size, start);
    return end < start ? undefined : { ino: stat.ino, head: headHash(fd, end + 1), start, end };
  } finally {
    fs.closeSync(fd);
  }
}

/** A mark just past the file's last whole line: reading from it skips everything there now. */
export function endMark(file: string): FileMark | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    const offset = lastNewline(fd, stat.size, 0) + 1;
    return { ino: stat.ino, head: headHash(fd, offset), offset };
  } finally {
    fs.closeSync(fd);
  }
}
