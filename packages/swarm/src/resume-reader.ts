import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, renameSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { NotAFileError, readLines } from './line-reader.js';
import { ResultsFileError } from './errors.js';

/** What a results file already holds. */
export interface ResumeScan {
  /** Every id with a whole line in the file (after dropping failed ones when asked). */
  readonly ids: Set<string>;
  /** Whole, parsable lines. */
  readonly lines: number;
  /** Complete lines that are not a JSON object with a string `id`, or too long to read (left in place, ignored). */
  readonly invalid: number;
  /** Bytes of a torn last line (a crash mid-write) cut from the end of the file. */
  readonly truncatedBytes: number;
  /** Lines carrying an `error`. */
  readonly failed: number;
  /** Failed lines removed from the file (with `dropFailed`). */
  readonly dropped: number;
}

export interface ResumeOptions {
  /** Called with the first record of each id kept (e.g. to re-tally votes). */
  readonly onRecord?: (record: Record<string, unknown> & { id: string }) => void;
  /** Remove lines with an `error` so their ids run again (rewrites the file). @default false */
  readonly dropFailed?: boolean | undefined;
}

/** A results line as a record with a string `id`, or undefined when it is not one. */
export function parseRecord(text: string): (Record<string, unknown> & { id: string }) | undefined {
  if (text.length === 0 || text.charCodeAt(0) !== 123 /* { */) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' ? (value as Record<string, unknown> & { id: string }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the ids an earlier run wrote, so a resumed run skips them. A torn last line (no trailing
 * newline: the process died inside a write) is truncated away so its item runs again and the file
 * stays valid JSONL. A missing file is an empty scan.
 */
export function scanResults(path: string, options: ResumeOptions = {}): ResumeScan {
  const ids = new Set<string>();
  let lines = 0;
  let invalid = 0;
  let failed = 0;
  let truncatedBytes = 0;
  if (!existsSync(path)) return { ids, lines, invalid, truncatedBytes, failed, dropped: 0 };
  let tornAt = -1;
  let size = 0;
  try {
    for (const l of readLines(path)) {
      size = l.end;
      if (!l.terminated) {
        tornAt = l.start;
        break;
      }
      if (l.overlong) {
        invalid++;
        continue;
      }
      if (l.text.length === 0) continue;
      const record = parseRecord(l.text);
      if (!record) {
        invalid++;
        continue;
      }
      lines++;
      if (record.error !== undefined) {
        failed++;
        if (options.dropFailed) continue;
      }
      if (ids.has(record.id)) continue; // written twice by some other tool: count it once
      ids.add(record.id);
      options.onRecord?.(record);
    }
    if (tornAt >= 0) {
      truncatedBytes = size - tornAt;
      truncateSync(path, tornAt);
    }
  } catch (error) {
    if (error instanceof ResultsFileError) throw error;
    if (error instanceof NotAFileError)
      throw new ResultsFileError(`${path} is ${error.kind}: resuming reads the results back, so it needs a regular file`, { cause: error });
    throw new ResultsFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  let dropped = 0;
  if (options.dropFailed && failed > 0) dropped = rewriteWithoutFailed(path);
  return { ids, lines: lines - dropped, invalid, truncatedBytes, failed: failed - dropped, dropped };
}

/** Copies bytes [from, to) of `src` to the end of `dst`. */
function copyRange(src: number, dst: number, from: number, to: number, buf: Buffer): void {
  for (let at = from; at < to; ) {
    const read = readSync(src, buf, 0, Math.min(buf.length, to - at), at);
    if (read === 0) break;
    for (let done = 0; done < read; ) done += writeSync(dst, buf, done, read - done);
    at += read;
  }
}

/**
 * Copies every line but the failed ones, byte for byte (lines it cannot read included), to a
 * temporary file with the same permissions and renames it over the original.
 */
function rewriteWithoutFailed(path: string): number {
  const tmp = `${path}.resume-${process.pid}.tmp`;
  let dropped = 0;
  const src = openSync(path, 'r');
  let dst = -1;
  try {
    dst = openSync(tmp, 'w', fstatSync(src).mode & 0o7777);
    const buf = Buffer.allocUnsafe(1 << 16);
    let keptFrom = 0; // start of the run of kept lines not yet copied
    let end = 0;
    for (const l of readLines(path)) {
      end = l.end;
      const record = l.overlong ? undefined : parseRecord(l.text);
      if (record?.error === undefined) continue;
      copyRange(src, dst, keptFrom, l.start, buf);
      keptFrom = l.end;
      dropped++;
    }
    copyRange(src, dst, keptFrom, end, buf);
    fsyncSync(dst);
    closeSync(dst);
    dst = -1;
    renameSync(tmp, path);
  } catch (error) {
    if (dst >= 0) closeSync(dst);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw new ResultsFileError(`cannot rewrite ${path} without its failed lines: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  } finally {
    closeSync(src);
  }
  return dropped;
}
