// serve.log stays bounded: a detached server's stdout and stderr are that file (inherited, opened
// for appending), so it is rotated in place — copied to serve.log.1, then truncated; appends then
// start again at the top. At most MAX_LOG_BYTES in each of the two files.
import fs from 'node:fs';

export const MAX_LOG_BYTES = 1024 * 1024;
const CHECK_EVERY_MS = 60_000;

/**
 * When fd 2 is `file`, returns a check to call after writing to it (also run every minute, for
 * what module hooks print); undefined when stderr is something else (a terminal, a pipe).
 */
export function logRotation(file: string, maxBytes = MAX_LOG_BYTES): (() => void) | undefined {
  let own: fs.Stats;
  try {
    own = fs.statSync(file);
    const stderr = fs.fstatSync(2);
    if (!stderr.isFile() || stderr.ino !== own.ino || stderr.dev !== own.dev) return undefined;
  } catch {
    return undefined;
  }
  if (own.mode & 0o077) fs.chmodSync(file, 0o600); // written by an older version: the log names peers and projects
  const check = () => {
    try {
      if (fs.fstatSync(2).size <= maxBytes) return;
      const previous = `${file}.1`;
      fs.copyFileSync(file, previous);
      fs.chmodSync(previous, 0o600);
      fs.ftruncateSync(2, 0);
    } catch {
      // a log that cannot rotate must not stop the server
    }
  };
  setInterval(check, CHECK_EVERY_MS).unref();
  return check;
}
