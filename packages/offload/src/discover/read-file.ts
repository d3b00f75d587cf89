import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A text file of the corpus. `path` is what findings cite (relative to cwd, slash-separated). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly bytes: number;
  readonly tokens: number;
}

export type ReadOutcome = { readonly ok: true; readonly text: string; readonly bytes: number } | { readonly ok: false; readonly reason: string };

// As git decides: a NUL byte in the first 8000 bytes makes a file binary.
const SNIFF_BYTES = 8000;

// Source files are mostly small: they are read into one reused buffer (the text is copied out of it
// when decoded), which spares an allocation per file; larger ones get a buffer of their own.
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;

function bufferFor(size: number): Buffer {
  if (size > SCRATCH_BYTES) return Buffer.allocUnsafe(size);
  scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
  return scratch;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * Reads a file if it is text and at most `maxBytes`; else says why not. The size comes from fstat
 * before any byte is read, so a huge file costs nothing. Synchronous on purpose: four system calls
 * on a small file cost far less than the promise machinery of FileHandle, and the corpus is read
 * lazily, file by file, between model calls.
 */
export function readTextFile(abs: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch (error) {
    return { ok: false, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: `too large (${formatBytes(stat.size)} > ${formatBytes(maxBytes)}, --max-file-kb)` };
    const buffer = bufferFor(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const read = readSync(fd, buffer, filled, stat.size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    const bytes = buffer.subarray(0, filled);
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary' };
    return { ok: true, text: bytes.toString('utf8'), bytes: filled };
  } catch (error) {
    return { ok: false, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}
