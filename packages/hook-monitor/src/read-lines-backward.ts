import fs from 'node:fs';

const CHUNK = 1024 * 1024;

/**
 * The lines of the first `size` bytes of a file, last line first, read backwards in chunks: the
 * newest record costs one read however large the file. Each byte is searched once and a line split
 * across chunks joined once; a line longer than `maxLineBytes` is skipped without being held, so
 * memory is one chunk plus the longest line kept.
 */
export function* readLinesBackward(path: string, size: number, maxLineBytes: number): Generator<string> {
  const fd = fs.openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    // The line being assembled: parts in file order, all from chunks after the current one.
    let parts: Buffer[] = [];
    let partsBytes = 0;
    let overlong = false;
    const line = (from: number, to: number): string | undefined => {
      const text = overlong
        ? undefined
        : parts.length === 0
          ? chunk.toString('utf8', from, to)
          : Buffer.concat([chunk.subarray(from, to), ...parts]).toString('utf8');
      parts = [];
      partsBytes = 0;
      overlong = false;
      return text;
    };
    for (let pos = size; pos > 0; ) {
      const len = Math.min(CHUNK, pos);
      pos -= len;
      for (let done = 0; done < len; ) {
        const read = fs.readSync(fd, chunk, done, len - done, pos + done);
        if (read === 0) throw Object.assign(new Error(`${path} shrank while read`), { code: 'ENOENT' });
        done += read;
      }
      let end = len;
      let nl = chunk.lastIndexOf(10, end - 1);
      while (nl >= 0) {
        if (partsBytes + (end - nl - 1) > maxLineBytes) overlong = true;
        const text = line(nl + 1, end);
        if (text !== undefined) yield text;
        end = nl;
        nl = end > 0 ? chunk.lastIndexOf(10, end - 1) : -1;
      }
      if (end > 0 && !overlong) {
        partsBytes += end;
        if (partsBytes > maxLineBytes) {
          overlong = true;
          parts = [];
        } else parts.unshift(Buffer.from(chunk.subarray(0, end)));
      }
    }
    const first = line(0, 0);
    if (first !== undefined) yield first;
  } finally {
    fs.closeSync(fd);
  }
}
