import { existsSync, renameSync, truncateSync } from 'node:fs';
import { readLines } from './line-reader.js';
import { ResultsFileError } from './errors.js';
import { ResultsWriter } from './results-writer.js';

/** What a results file already holds. */
export interface ResumeScan {
  /** Every id with a whole line in the file (after dropping failed ones when asked). */
  readonly ids: Set<string>;
  /** Whole, parsable lines. */
  readonly lines: number;
  /** Complete lines that are not a JSON object with a string `id` (left in place, ignored). */
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
  readonly dropFailed?: boolean;
}

function parseRecord(text: string): (Record<string, unknown> & { id: string }) | undefined {
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
    throw new ResultsFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  let dropped = 0;
  if (options.dropFailed && failed > 0) dropped = rewriteWithoutFailed(path);
  return { ids, lines: lines - dropped, invalid, truncatedBytes, failed: failed - dropped, dropped };
}

/** Copies every line but the failed ones to a temporary file and renames it over the original. */
function rewriteWithoutFailed(path: string): number {
  const tmp = `${path}.resume-${process.pid}.tmp`;
  const out = new ResultsWriter(tmp, { maxPending: 1 << 20 });
  let dropped = 0;
  try {
    for (const l of readLines(path)) {
      if (l.text.length === 0) continue;
      const record = parseRecord(l.text);
      if (record && record.error !== undefined) {
        dropped++;
        continue;
      }
      out.push(l.text);
    }
    out.close({ sync: true });
    renameSync(tmp, path);
  } catch (error) {
    out.close();
    throw new ResultsFileError(`cannot rewrite ${path} without its failed lines: ${String(error)}`, { cause: error });
  }
  return dropped;
}
