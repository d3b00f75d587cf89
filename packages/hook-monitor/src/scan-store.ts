import fs from 'node:fs';
import { listStoreFiles } from './list-store-files.js';
import { defaultStoreDir } from './store-dir.js';
import type { HookRunRecord } from './types.js';
import { isHookRunRecord } from './validate-record.js';

export interface ScanOptions {
  /** Store directory. @default defaultStoreDir() */
  readonly dir?: string;
  /** Longest line read, in bytes; longer ones are counted corrupt. @default MAX_RECORD_BYTES (64 MiB) */
  readonly maxLineBytes?: number;
  /** Only runs that started at or after this time (epoch ms). */
  readonly since?: number;
  /** Only runs of this event. */
  readonly event?: string;
  /** Only the run with this id (checked before a line is parsed). */
  readonly runId?: string;
}

export interface ScanStats {
  readonly dir: string;
  /** Files read (files wholly older than `since` are skipped unread). */
  files: number;
  bytes: number;
  /** Non-empty lines seen. */
  lines: number;
  /** Records handed to the visitor. */
  records: number;
  /** Lines that were not a valid record (torn writes, hand edits): skipped. */
  corrupt: number;
  /** Up to 5 `file:line` places of corrupt lines, for diagnostics. */
  corruptAt: string[];
  /** Valid lines left out by `since`, `event` or `runId`. */
  filtered: number;
}

const CHUNK = 1024 * 1024;

// Reads `"key":"value"` from a line our writer produced, so a filtered-out line is never JSON-parsed.
// Inside a JSON string every quote is escaped, so the pattern can only match a real key.
function peek(line: string, key: string): string | undefined {
  const at = line.indexOf(`"${key}":"`);
  if (at < 0) return undefined;
  const from = at + key.length + 4;
  const to = line.indexOf('"', from);
  return to < 0 ? undefined : line.slice(from, to);
}

/**
 * Streams every record of the store, oldest file first, line by line with bounded memory.
 * Corrupt or torn lines are skipped and counted, never fatal.
 */
export async function scanStore(options: ScanOptions, visit: (record: HookRunRecord) => void): Promise<ScanStats> {
  const dir = options.dir ?? defaultStoreDir();
  const stats: ScanStats = { dir, files: 0, bytes: 0, lines: 0, records: 0, corrupt: 0, corruptAt: [], filtered: 0 };
  const since = options.since;
  const wantedId = options.runId === undefined ? undefined : JSON.stringify(options.runId);
  const maxLineBytes = options.maxLineBytes ?? MAX_RECORD_BYTES;

  const handle = (line: string | undefined, where: () => string): void => {
    stats.lines++;
    if (line === undefined) {
      stats.corrupt++;
      if (stats.corruptAt.length < 5) stats.corruptAt.push(`${where()} (longer than ${Math.round(maxLineBytes / 1048576)} MiB)`);
      return;
    }
    if (since !== undefined) {
      const ts = peek(line, 'ts');
      if (ts !== undefined && Date.parse(ts) < since) return void stats.filtered++;
    }
    if (options.event !== undefined) {
      const event = peek(line, 'event');
      if (event !== undefined && event !== options.event) return void stats.filtered++;
    }
    if (wantedId !== undefined && !line.includes(`"run_id":${wantedId}`)) return void stats.filtered++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (!isHookRunRecord(value)) {
      stats.corrupt++;
      if (stats.corruptAt.length < 5) stats.corruptAt.push(where());
      return;
    }
    if (
      (since !== undefined && !(Date.parse(value.ts) >= since)) ||
      (options.event !== undefined && value.event !== options.event) ||
      (options.runId !== undefined && value.run_id !== options.runId)
    ) {
      return void stats.filtered++;
    }
    stats.records++;
    visit(value);
  };

  for (const file of listStoreFiles(dir)) {
    // A record is written after its run ends, so a file last written before `since` holds only older runs.
    if (since !== undefined && file.mtimeMs < since) continue;
    stats.files++;
    await scanFile(file.path, (line, lineNo) => handle(line, () => `${file.path}:${lineNo}`), stats, maxLineBytes);
  }
  return stats;
}

/**
 * Longest record line read, in bytes. A run of ~130k hooks is ~20 MB; a longer line is not something
 * our writer produced (or a store hand-made to hurt): it is skipped and counted as corrupt, never
 * held in memory whole.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * Calls `onLine` with each non-empty line of the file (`undefined` for one past `maxLineBytes`).
 * Each chunk is searched once and a line split across chunks is joined once: linear time whatever
 * the line lengths, memory one chunk plus the longest line kept.
 */
export async function scanFile(
  path: string,
  onLine: (line: string | undefined, lineNo: number) => void,
  stats: Pick<ScanStats, 'bytes'>,
  maxLineBytes: number,
  /** Bytes to read, both ends inclusive (`hook-monitor import` resumes a transcript where it stopped). */
  range?: { readonly start: number; readonly end: number },
): Promise<void> {
  let parts: Buffer[] = [];
  let partsBytes = 0;
  let overlong = false;
  let lineNo = 0;
  const end = (chunk: Buffer, from: number, to: number): void => {
    lineNo++;
    if (overlong) onLine(undefined, lineNo);
    else if (parts.length > 0) onLine(Buffer.concat([...parts, chunk.subarray(from, to)]).toString('utf8'), lineNo);
    else if (to > from) onLine(chunk.toString('utf8', from, to), lineNo);
    parts = [];
    partsBytes = 0;
    overlong = false;
  };
  const stream = fs.createReadStream(path, { highWaterMark: CHUNK, ...range });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      stats.bytes += chunk.length;
      let start = 0;
      let nl = chunk.indexOf(10, start);
      while (nl >= 0) {
        if (partsBytes + (nl - start) > maxLineBytes) overlong = true;
        end(chunk, start, nl);
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      if (start < chunk.length && !overlong) {
        partsBytes += chunk.length - start;
        if (partsBytes > maxLineBytes) {
          overlong = true;
          parts = [];
        } else parts.push(start === 0 ? chunk : chunk.subarray(start));
      }
    }
  } catch (error) {
    // Rotated or removed while we read: whatever was read counts; anything else is real.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (parts.length > 0 || overlong) end(Buffer.alloc(0), 0, 0);
}
