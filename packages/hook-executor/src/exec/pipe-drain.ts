// The end of a hook's output. Once the hook has exited, what it wrote sits in the kernel buffer of
// its stdout/stderr (node's child pipes are socket pairs) until the event loop reads it; a loop
// stalled by other work (a busy `serve`) may not get there before the drain window closes. So
// before a pipe is given up, whatever it already holds is read synchronously: output a hook wrote
// is never lost, however late its pipe is looked at.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { BoundedCapture } from './capture.js';

/**
 * A socket buffer holds a few hundred KiB by default (`net.core.wmem_max` at most); the bound only
 * stops a process left behind that keeps writing from keeping this loop going.
 */
const MAX_BYTES = 8 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** The descriptor of the stream's socket (libuv's handle exposes it on Unix; non-blocking). */
function fdOf(stream: Readable): number | undefined {
  const fd = (stream as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

/**
 * Reads what `stream`'s socket holds right now into `capture`, without waiting: up to EOF, or until
 * it is empty (EAGAIN: a process the hook left behind still holds the other end).
 */
export function readBuffered(stream: Readable | null | undefined, capture: BoundedCapture): void {
  if (!stream || stream.destroyed || stream.readableEnded) return;
  const fd = fdOf(stream);
  if (fd === undefined) return;
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let read = 0; read < MAX_BYTES; ) {
    let n: number;
    try {
      n = fs.readSync(fd, buffer, 0, CHUNK, null);
    } catch {
      return; // EAGAIN (nothing more buffered) or the pipe is gone
    }
    if (n === 0) return; // EOF
    capture.push(Buffer.from(buffer.subarray(0, n)));
    read += n;
  }
}
