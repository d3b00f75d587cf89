// The yargs frame shared by the hook tools' CLIs (hook-monitor, hook-executor): the settings both
// use, and one way of turning an expected error into a single line and exit code 1 (never 2, which
// Claude Code reads as "block"). A separate entry so the recorder index stays cheap to import.
import type { Argv } from 'yargs';

export interface CliFrameOptions {
  /** The binary's name, used in error lines and the `--help` hint. */
  readonly name: string;
  readonly version: string;
  /** Wraps a yargs complaint (unknown flag, missing command) in the package's error class. */
  readonly usageError: (message: string) => Error;
  /** True for the package's own errors, which are printed as one line; anything else is a bug. */
  readonly isExpected: (error: unknown) => error is Error & { readonly code: string };
}

/** Applies the shared settings (strict, no process exit, help, version, width) to a configured CLI. */
export function finishCli<T>(cli: Argv<T>, options: CliFrameOptions): Argv<T> {
  return cli
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? options.usageError(message);
    })
    .help()
    .alias('h', 'help')
    .version(options.version)
    .wrap(Math.min(110, process.stdout.columns || 100));
}

/** Parses; an expected error becomes `<name>: <message>` on stderr and exit code 1. */
export async function parseCli<T>(cli: Argv<T>, options: CliFrameOptions): Promise<number> {
  try {
    await cli.parseAsync();
    return 0;
  } catch (error) {
    if (!options.isExpected(error)) throw error;
    const hint = error.code === 'BAD_ARGUMENT' ? ` (see ${options.name} --help)` : '';
    process.stderr.write(`${options.name}: ${error.message}${hint}\n`);
    return 1;
  }
}
