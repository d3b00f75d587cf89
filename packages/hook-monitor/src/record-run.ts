import fs from 'node:fs';
import path from 'node:path';
import { ensureOtlpFollower } from './otlp-follower.js';
import { serializeRecord } from './serialize-record.js';
import { CURRENT_FILE, defaultStoreDir, rotatedFileName } from './store-dir.js';
import type { HookRunRecord } from './types.js';

/** Rotate `runs.jsonl` once it grows past this many bytes. */
export const DEFAULT_ROTATE_BYTES = 16 * 1024 * 1024;

export interface RecordOptions {
  /** Store directory. @default defaultStoreDir() */
  readonly dir?: string;
  /** Keep the record's `input` (truncated). @default process.env.HOOK_MONITOR_STORE_INPUT === '1' */
  readonly storeInput?: boolean;
  /** Cap on the stored `input`, in characters. @default 2000 */
  readonly maxInputChars?: number;
  /** Size in bytes past which `runs.jsonl` is rotated. @default 16 MiB */
  readonly rotateBytes?: number;
  /** Stream runs to this OTLP/HTTP traces URL as they are recorded (see otlp-follower.ts). @default process.env.HOOK_MONITOR_OTLP_URL */
  readonly otlpUrl?: string;
}

export interface RecorderStats {
  /** Records written by this process. */
  readonly written: number;
  /** Records this process failed to write (swallowed). */
  readonly failed: number;
  /** The last failure, e.g. 'EACCES'. */
  readonly lastError?: string;
}

let written = 0;
let failed = 0;
let lastError: string | undefined;

/** What recordRun did in this process; failures are counted here instead of thrown. */
export function recorderStats(): RecorderStats {
  return lastError === undefined ? { written, failed } : { written, failed, lastError };
}

const FLAGS = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT;

// The store says which hooks ran on which tool, and with HOOK_MONITOR_STORE_INPUT=1 it holds prompts
// and tool input: only its owner may read it. Files are created 0600 (older, looser ones are tightened
// when next written) and a directory the recorder creates is 0700.
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

function openAppend(file: string, dir: string): number {
  try {
    return fs.openSync(file, FLAGS, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    return fs.openSync(file, FLAGS, FILE_MODE);
  }
}

/**
 * Appends one record to the store: synchronous, one `write(2)` on an O_APPEND descriptor, never throws.
 *
 * Many processes may write at once. On Linux a write(2) to a regular file opened with O_APPEND moves
 * to the end and writes under the inode's lock, so each whole line lands intact and never interleaved
 * with another writer's (PIPE_BUF only limits pipes). A short write (disk full) is closed with a newline
 * so at most this record is torn; the reader skips and counts torn lines.
 *
 * Rotation renames `runs.jsonl` to a unique name: writers still holding the old file keep appending
 * to it under its new name, and the reader reads every file, so no record is lost.
 */
export function recordRun(record: HookRunRecord, options: RecordOptions = {}): void {
  let fd = -1;
  try {
    const dir = options.dir ?? defaultStoreDir();
    const file = path.join(dir, CURRENT_FILE);
    const line = serializeRecord(record, {
      storeInput: options.storeInput ?? process.env.HOOK_MONITOR_STORE_INPUT === '1',
      ...(options.maxInputChars === undefined ? {} : { maxInputChars: options.maxInputChars }),
    });
    fd = openAppend(file, dir);
    const bytes = Buffer.from(line, 'utf8');
    const n = fs.writeSync(fd, bytes, 0, bytes.length);
    if (n < bytes.length) {
      fs.writeSync(fd, '\n');
      throw Object.assign(new Error('short write'), { code: 'ESHORT' });
    }
    written++;
    const stat = fs.fstatSync(fd);
    if ((stat.mode & 0o077) !== 0) tighten(fd);
    rotateIfLarge(stat, file, dir, options.rotateBytes ?? DEFAULT_ROTATE_BYTES);
    const otlpUrl = options.otlpUrl ?? process.env.HOOK_MONITOR_OTLP_URL;
    if (otlpUrl) ensureOtlpFollower(dir, otlpUrl, record.ts);
  } catch (error) {
    failed++;
    lastError = (error as NodeJS.ErrnoException).code ?? String((error as Error).message ?? error);
  } finally {
    if (fd >= 0) {
      try {
        fs.closeSync(fd);
      } catch {
        // nothing useful to do: the line is already written
      }
    }
  }
}

/** A store file from before files were private (or made by hand): make it so, if it is ours. */
function tighten(fd: number): void {
  try {
    fs.fchmodSync(fd, FILE_MODE);
  } catch {
    // another user's file: not ours to change, and the record is written anyway
  }
}

function rotateIfLarge(stat: fs.Stats, file: string, dir: string, limit: number): void {
  try {
    if (stat.size <= limit) return;
    // Only rotate the file we wrote to: another writer may have rotated it already and a fresh,
    // small runs.jsonl may stand in its place.
    if (fs.statSync(file).ino !== stat.ino) return;
    // rename() replaces an existing target silently, hence a name no other writer can choose.
    fs.renameSync(file, path.join(dir, rotatedFileName()));
  } catch {
    // Lost a race with another rotating writer: harmless, the file was rotated anyway.
    // The record itself is written; a failed rotation is retried by the next write.
  }
}
