// `hook-monitor import`: reads Claude Code session transcripts (every *.jsonl under the projects
// directory, subagent transcripts included) from where the last import stopped, and appends one
// record per event firing to the store, with source `transcript`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HookMonitorError } from './errors.js';
import { HEAD_BYTES, readImportState, writeImportState } from './import-state.js';
import type { FileMark } from './import-state.js';
import { ImportWriter } from './import-writer.js';
import { MAX_RECORD_BYTES, scanFile } from './scan-store.js';
import { defaultStoreDir } from './store-dir.js';
import { TranscriptRunGrouper } from './transcript-runs.js';

export interface ImportOptions {
  /** A transcript file or a directory searched for *.jsonl. @default $CLAUDE_CONFIG_DIR/projects or ~/.claude/projects */
  readonly from?: string;
  /** Store directory. @default defaultStoreDir() */
  readonly dir?: string;
}

export interface ImportStats {
  readonly from: string;
  readonly dir: string;
  /** Transcript files found. */
  files: number;
  /** Files with new lines since the last import. */
  read: number;
  bytes: number;
  lines: number;
  /** Hook lines found. */
  hooks: number;
  /** Records appended to the store. */
  runs: number;
}

export function defaultTranscriptDir(): string {
  const config = process.env.CLAUDE_CONFIG_DIR;
  return path.join(config ? path.resolve(config) : path.join(os.homedir(), '.claude'), 'projects');
}

function transcriptFiles(from: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(from);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new HookMonitorError('BAD_ARGUMENT', `--from: cannot read ${from} (${code})`);
  }
  if (stat.isFile()) return [from];
  return (fs.readdirSync(from, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => path.join(from, name))
    .sort();
}

/** The offset just past the file's last newline at or before `size` (-1 for none after `from`). */
function lastNewline(fd: number, size: number, from: number): number {
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

/** Where to read a transcript from and to: [start, end] holds whole lines only. */
interface Span {
  readonly ino: number;
  readonly head: string;
  readonly start: number;
  readonly end: number;
}

function spanOf(file: string, mark: FileMark | undefined): Span | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined; // removed since the listing
  }
  try {
    const stat = fs.fstatSync(fd);
    const resume = mark !== undefined && mark.ino === stat.ino && mark.offset <= stat.size && mark.head === headHash(fd, mark.offset);
    const start = resume ? mark.offset : 0;
    // Only whole lines: Claude Code may be writing the last one right now.
    const end = lastNewline(fd, stat.size, start);
    return end < start ? undefined : { ino: stat.ino, head: headHash(fd, end + 1), start, end };
  } finally {
    fs.closeSync(fd);
  }
}

/** Imports every transcript line written since the last import; returns what it read and wrote. */
export async function importTranscripts(options: ImportOptions = {}): Promise<ImportStats> {
  const from = path.resolve(options.from ?? defaultTranscriptDir());
  const dir = options.dir ?? defaultStoreDir();
  const marks: Record<string, FileMark> = { ...readImportState(dir).files };
  const stats: ImportStats = { from, dir, files: 0, read: 0, bytes: 0, lines: 0, hooks: 0, runs: 0 };
  const writer = new ImportWriter(dir);
  const grouper = new TranscriptRunGrouper((record) => {
    writer.add(record);
    stats.runs++;
  });
  const onLine = (line: string | undefined): void => {
    stats.lines++;
    if (line !== undefined) grouper.line(line);
  };
  try {
    for (const file of transcriptFiles(from)) {
      stats.files++;
      const span = spanOf(file, marks[file]);
      if (span === undefined) continue;
      stats.read++;
      await scanFile(file, onLine, stats, MAX_RECORD_BYTES, { start: span.start, end: span.end });
      grouper.flush();
      // Records first, then the mark: a crash in between re-imports this file's new lines, never loses them.
      writer.flush();
      marks[file] = { ino: span.ino, head: span.head, offset: span.end + 1 };
      writeImportState(dir, { v: 1, files: marks });
    }
  } finally {
    writer.close();
  }
  stats.hooks = grouper.hooks;
  return stats;
}
