/** Writes stdout and stderr completely (pipes may be slow to drain), then exits with `code`. */
export function writeAndExit(stdout: string, stderr: string, code: number): void {
  let pending = 1;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  if (stdout) {
    pending++;
    process.stdout.write(stdout, done);
  }
  if (stderr) {
    pending++;
    process.stderr.write(stderr, done);
  }
  done();
}
