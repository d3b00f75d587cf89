// The hook input on stdin. Claude Code writes it and closes the pipe; a caller that never closes it
// (a wrapper, a test harness, `cat | …`) must not hold the executor forever. So a pipe is read until
// EOF, or until what arrived is one complete JSON object and nothing more is waiting; and when no
// byte arrives for STDIN_IDLE_MS with the input still incomplete, the read fails with one line.
import fs from 'node:fs';
import { HookExecutorError } from '../errors.js';

/** How long an open stdin may stay silent before an incomplete input is given up. */
export const STDIN_IDLE_MS = 10_000;
const CHUNK = 64 * 1024;

/** The text without a UTF-8 byte order mark in front (editors on Windows write one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The last byte that is not JSON whitespace, looking back across chunks. */
function lastSignificantByte(chunks: readonly Buffer[]): number | undefined {
  for (let c = chunks.length - 1; c >= 0; c--) {
    const chunk = chunks[c]!;
    for (let i = chunk.length - 1; i >= 0; i--) {
      const byte = chunk[i]!;
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
    }
  }
  return undefined;
}

/** Whether the chunks already hold one whole JSON object (a prefix of one never parses as one). */
function completeObject(chunks: readonly Buffer[]): boolean {
  if (lastSignificantByte(chunks) !== 0x7d) return false; // `}`: checked first, so a big input is parsed once, not per chunk
  try {
    const value: unknown = JSON.parse(stripBom(Buffer.concat(chunks).toString('utf8')));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function idleError(idleMs: number, size: number): HookExecutorError {
  return new HookExecutorError(
    'INPUT_INVALID',
    `stdin stayed open with ${size ? `an incomplete input (${size} bytes)` : 'no input'} for ${idleMs / 1000} s; Claude Code writes the hook input ` +
      `and closes stdin`,
  );
}

/**
 * One read of fd 0 in libuv's thread pool (a stream would cost a few ms of start-up on every event),
 * bounded by `idleMs`. A read left blocked in the kernel cannot be interrupted, and node's exit
 * waits for the thread pool: so once one is abandoned, the process ends with SIGKILL right after
 * its exit handlers (its answer and the one-line reason already written) instead of hanging.
 */
function readChunk(buffer: Buffer, idleMs: number, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.once('exit', () => process.kill(process.pid, 'SIGKILL'));
      reject(idleError(idleMs, size));
    }, idleMs);
    fs.read(0, buffer, 0, buffer.length, null, (error, n) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(n);
    });
  });
}

/** A non-blocking stdin (EAGAIN from fs.read) is read as a stream, with the same rules. */
async function readStream(chunks: Buffer[], idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      process.stdin.off('data', onData).off('end', onEnd).off('error', finish);
      process.stdin.pause();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(idleError(idleMs, Buffer.concat(chunks).length)), idleMs);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      if (process.stdin.readableLength === 0 && completeObject(chunks)) finish();
      else arm();
    };
    const onEnd = () => finish();
    process.stdin.on('data', onData).on('end', onEnd).on('error', finish);
    arm();
  });
}

/**
 * Reads the hook input: empty for a terminal or no stdin; a file whole; a pipe until EOF or a
 * complete JSON object. Throws INPUT_INVALID when an open pipe stays silent for `idleMs`.
 */
export async function readStdin(idleMs = STDIN_IDLE_MS): Promise<Buffer> {
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBADF' || code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
  if (stat.isCharacterDevice()) return Buffer.alloc(0); // a terminal or /dev/null: nothing to wait for
  if (stat.isFile()) return fs.readFileSync(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = await readChunk(buffer, idleMs, size);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return readStream(chunks, idleMs);
      throw error;
    }
    if (n === 0) break; // EOF
    chunks.push(buffer.subarray(0, n));
    size += n;
    // A short read means the writer has nothing more right now: the input may be whole.
    if (n < CHUNK && completeObject(chunks)) break;
  }
  return Buffer.concat(chunks, size);
}
