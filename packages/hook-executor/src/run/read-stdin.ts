import fs from 'node:fs';

/** Reads all of stdin once, synchronously where possible (the fast path); '' when stdin is a terminal. */
export async function readStdin(): Promise<Buffer> {
  try {
    const stat = fs.fstatSync(0);
    if (stat.isCharacterDevice()) return Buffer.alloc(0); // a terminal or /dev/null-like device: nothing to wait for
    return fs.readFileSync(0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBADF' || code === 'ENOENT') return Buffer.alloc(0);
    if (code !== 'EAGAIN') throw error;
  }
  // A non-blocking pipe: read it as a stream.
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
