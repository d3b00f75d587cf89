import { runWrapped } from '../run-wrapped.js';
import type { WrapArgs } from './wrap-args.js';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `hook-monitor wrap`: run the hook transparently, then leave with its exit code (or die of its signal).
 * A misuse of wrap itself exits 1, never 2: exit 2 would make Claude Code block.
 */
export async function wrapMain(options: WrapArgs): Promise<void> {
  const handlers = new Map<NodeJS.Signals, () => void>();
  // Claude Code may stop reading (it timed out the hook): a broken pipe must not crash the wrapper.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  const result = await runWrapped({
    ...options,
    onSpawn: (kill) => {
      for (const signal of FORWARDED) {
        const handler = (): void => kill(signal);
        handlers.set(signal, handler);
        process.on(signal, handler);
      }
    },
  });
  // Our stdin may still be open (the hook did not read it all): stop holding the process up.
  process.stdin.destroy();
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  for (const [signal, handler] of handlers) process.off(signal, handler);
  if (result.signal !== null) {
    // Die the way the hook died, so whoever waits on us sees the same signal.
    process.kill(process.pid, result.signal);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  process.exitCode = result.exitCode ?? 1;
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}
