// The store's new records since the last look, for `export --follow`. Marks are kept per inode: a
// rotation renames runs.jsonl and keeps its inode, so a mark follows the file under its new name and
// the fresh runs.jsonl (a new inode) is read from its start. The marks are saved only once what was
// read has been sent, so a crash or a failed send reads it again (at least once, never lost).
import fs from 'node:fs';
import path from 'node:path';
import { endMark, spanOf } from './file-span.js';
import type { FileMark } from './import-state.js';
import { MAX_RECORD_BYTES, scanFile } from './scan-store.js';
import { isStoreFile } from './store-dir.js';
import { readStoreJson, writeStoreJson } from './store-json.js';
import type { HookRunRecord } from './types.js';
import { isHookRunRecord } from './validate-record.js';

export const FOLLOW_STATE_FILE = 'otlp-follow.json';
const MTIME_SLACK_MS = 10_000;

interface FollowState {
  readonly v: 1;
  /** inode → mark. */
  readonly files: Record<string, FileMark>;
}

const isFollowState = (value: unknown): value is FollowState =>
  (value as FollowState | undefined)?.v === 1 && typeof (value as FollowState).files === 'object' && (value as FollowState).files !== null;

export interface TailRead {
  /** Records handed to the visitor. */
  records: number;
  /** Whether a file had more than `maxBytes` new: read again without waiting. */
  more: boolean;
  /** Whether any mark changed (worth saving even when nothing was sent). */
  moved: boolean;
}

export class StoreTail {
  private saved: Record<string, FileMark>;
  private marks: Record<string, FileMark>;
  /** No saved marks yet: files already there are read from their end, or from `since` on (see start()). */
  private fresh: boolean;

  constructor(
    private readonly dir: string,
    /** With no saved marks, also send the runs that started at or after this (epoch ms). */
    private readonly since?: number,
  ) {
    const state = readStoreJson<FollowState | undefined>(dir, FOLLOW_STATE_FILE, isFollowState, undefined, 'remove it to follow from now on');
    this.fresh = state === undefined;
    this.saved = { ...state?.files };
    this.marks = { ...this.saved };
  }

  /**
   * On the first start (no saved marks): every file already there and last written before `since`
   * (all of them, without `since`) is marked at its end, so only what comes after is sent.
   */
  start(): void {
    if (!this.fresh) return;
    for (const name of this.storeFiles()) {
      const file = path.join(this.dir, name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      // A file's mtime comes from the kernel's coarse clock, milliseconds behind Date.now(): with slack.
      if (stat === undefined || (this.since !== undefined && stat.mtimeMs >= this.since - MTIME_SLACK_MS)) continue;
      const mark = endMark(file);
      if (mark !== undefined) this.marks[String(mark.ino)] = this.saved[String(mark.ino)] = mark;
    }
  }

  private storeFiles(): string[] {
    try {
      return fs.readdirSync(this.dir).filter(isStoreFile).sort();
    } catch {
      return []; // no store yet
    }
  }

  /** Hands every new record to `visit`, at most `maxBytes` per file per call. */
  async read(visit: (record: HookRunRecord) => void, maxBytes: number): Promise<TailRead> {
    const result: TailRead = { records: 0, more: false, moved: false };
    const names = this.storeFiles();
    const seen = new Set<string>();
    const since = this.since;
    for (const name of names) {
      const file = path.join(this.dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue; // rotated away between readdir and stat: its new name is listed too, or will be next time
      }
      const key = String(stat.ino);
      seen.add(key);
      if (this.marks[key]?.offset === stat.size) continue; // nothing new (the usual case): no read at all
      const span = spanOf(file, (ino) => this.marks[String(ino)], { maxBytes });
      if (span === undefined) continue;
      const onLine = (line: string | undefined): void => {
        if (line === undefined) return;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return; // a torn line: report counts those, a trace cannot carry them
        }
        // Imported transcripts are history, not live runs: `export` without --follow sends them.
        if (!isHookRunRecord(value) || value.source === 'transcript') return;
        if (this.fresh && since !== undefined && !(Date.parse(value.ts) >= since)) return;
        result.records++;
        visit(value);
      };
      await scanFile(file, onLine, { bytes: 0 }, MAX_RECORD_BYTES, { start: span.start, end: span.end });
      this.marks[key] = { ino: span.ino, head: span.head, offset: span.end + 1 };
      result.moved = true;
      if (span.end + 1 < stat.size) result.more = true;
    }
    for (const key of Object.keys(this.marks)) {
      if (seen.has(key)) continue;
      delete this.marks[key]; // a removed file
      result.moved = true;
    }
    // From here on a file with no mark is new: read whole.
    this.fresh = false;
    return result;
  }

  /** What was read has been sent: keep the marks. */
  commit(): void {
    if (!fs.existsSync(this.dir)) return; // removed: the follower is about to stop, and must not make it again
    writeStoreJson(this.dir, FOLLOW_STATE_FILE, { v: 1, files: this.marks } satisfies FollowState);
    this.saved = { ...this.marks };
  }

  /** Sending failed: read it again next time. */
  rewind(): void {
    this.marks = { ...this.saved };
  }
}
