// Appends imported records to store files of their own (named like rotated files, so every reader
// sees them), buffered: one write per MiB instead of an open/write/close per record as the hook path
// does. Files are private like the recorder's; a new one starts past the rotation size.
import fs from 'node:fs';
import path from 'node:path';
import { HookMonitorError } from './errors.js';
import { DEFAULT_ROTATE_BYTES } from './record-run.js';
import { serializeRecord } from './serialize-record.js';
import { rotatedFileName } from './store-dir.js';
import type { HookRunRecord } from './types.js';

const FLUSH_BYTES = 1024 * 1024;

export class ImportWriter {
  private fd = -1;
  private fileBytes = 0;
  private buffered: string[] = [];
  private bufferedBytes = 0;

  constructor(private readonly dir: string) {}

  add(record: HookRunRecord): void {
    const line = serializeRecord(record);
    this.buffered.push(line);
    this.bufferedBytes += line.length;
    if (this.bufferedBytes >= FLUSH_BYTES) this.flush();
  }

  /** Everything added is on disk when this returns. */
  flush(): void {
    if (this.buffered.length === 0) return;
    const bytes = Buffer.from(this.buffered.join(''), 'utf8');
    this.buffered = [];
    this.bufferedBytes = 0;
    try {
      if (this.fd < 0 || this.fileBytes > DEFAULT_ROTATE_BYTES) this.open();
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(this.fd, bytes, at, bytes.length - at);
      this.fileBytes += bytes.length;
    } catch (error) {
      throw new HookMonitorError('WRITE_FAILED', `cannot write to the store ${this.dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }

  close(): void {
    this.flush();
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  private open(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(path.join(this.dir, rotatedFileName()), 'ax', 0o600);
    this.fileBytes = 0;
  }
}
