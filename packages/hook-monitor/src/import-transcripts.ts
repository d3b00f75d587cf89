// `hook-monitor import`: reads Claude Code session transcripts (every *.jsonl under the projects
// directory, subagent transcripts included) from where the last import stopped, and appends one
// record per event firing to the store, with source `transcript`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HookMonitorError } from './errors.js';
import { takeImportLock } from './import-lock.js';
import { readImportState, writeImportState } from './import-state.js';
import { spanOf } from './file-span.js';
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
  /** Another import of the same store is running: wait this long for it to end. @default 600_000 */
  readonly waitMs?: number;
  /** Told once when another import is running and this one waits (its pid, when known). */
  readonly onWait?: (pid: number | undefined) => void;
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
    throw new HookMonitorError('USAGE', `--from: cannot read ${from} (${code})`);
  }
  if (stat.isFile()) return [from];
  return (fs.readdirSync(from, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => path.join(from, name))
    .sort();
}

/** Imports every transcript line written since the last import; returns what it read and wrote. */
export async function importTranscripts(options: ImportOptions = {}): Promise<ImportStats> {
  const from = path.resolve(options.from ?? defaultTranscriptDir());
  const dir = options.dir ?? defaultStoreDir();
  const files = transcriptFiles(from);
  const lock = await takeImportLock(dir, {
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  try {
    return await importUnderLock(from, dir, files, lock.check);
  } finally {
    lock.release();
  }
}

// The marks are read under the lock: an import that waited sees what the one before it imported.
async function importUnderLock(from: string, dir: string, files: readonly string[], stillHeld: () => void): Promise<ImportStats> {
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
    for (const file of files) {
      stats.files++;
      const span = spanOf(file, () => marks[file]);
      if (span === undefined) continue;
      stats.read++;
      await scanFile(file, onLine, stats, MAX_RECORD_BYTES, { start: span.start, end: span.end });
      grouper.flush();
      // Records first, then the mark: a crash in between re-imports this file's new lines, never loses them.
      writer.flush();
      stillHeld();
      marks[file] = { ino: span.ino, head: span.head, offset: span.end + 1 };
      writeImportState(dir, { v: 1, files: marks });
    }
  } finally {
    writer.close();
  }
  stats.hooks = grouper.hooks;
  return stats;
}
