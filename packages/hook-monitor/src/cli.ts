// Entry of the `hook-monitor` binary. `wrap` runs on Claude Code's path for every event it times,
// so it takes a fast path that never loads yargs; everything else goes through the yargs CLI.
import { HookMonitorError } from './errors.js';

const argv = process.argv.slice(2);

async function main(): Promise<void> {
  if (argv[0] === 'wrap') {
    const { parseWrapArgs } = await import('./cli/wrap-args.js');
    const parsed = parseWrapArgs(argv.slice(1));
    if (parsed !== undefined) {
      const { wrapMain } = await import('./cli/wrap-main.js');
      return wrapMain(parsed);
    }
  }
  const yargsCli = await import('./cli/main.js');
  process.exitCode = await yargsCli.main(argv);
}

main().catch((error: unknown) => {
  if (error instanceof HookMonitorError) process.stderr.write(`hook-monitor: ${error.message}\n`);
  else process.stderr.write(`hook-monitor: internal error\n${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
