// The frame every fanout CLI shares: strict flags, no process.exit (tests drive `main`), a `.fail()`
// that turns yargs' complaints into one-line usage errors, -h/--help, --version, and one line on
// stderr for whatever goes wrong, with the exit code the CLI's family gives it.
import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { codeOf, exitCodeFor, isExpected, type ExitCodeOptions } from './exit-codes.js';
import { USAGE, UsageError } from './usage-error.js';

export interface FrameOptions {
  /** The command's name: `$0` in help and the prefix of every error line. */
  readonly name: string;
  /** The CLI's own package.json, whose `version` `--version` prints: `new URL('../package.json', import.meta.url)`. */
  readonly packageJson: URL;
  /** Rewords yargs' complaint before it becomes a UsageError (llm-sim names unknown flags as typed). */
  readonly parseMessage?: ((message: string) => string) | undefined;
}

export interface CliSetup extends FrameOptions {
  /** The usage line and a sentence on what the command does. */
  readonly usage: string;
  /** Said under the help, before the exit codes (the LLM tools: where keys come from). */
  readonly epilog?: string | undefined;
  /** The help's last line, e.g. `Exit codes: 0 ok, 1 failed, 2 usage error.` */
  readonly exitCodes?: string | undefined;
}

/**
 * Applies the shared settings to a CLI. Called after the commands and options are declared, `--version`
 * is listed after them in `--help`; `createCli` calls it first.
 */
export function finishCli<T>(cli: Argv<T>, options: FrameOptions): Argv<T> {
  const { version } = JSON.parse(readFileSync(options.packageJson, 'utf8')) as { version: string };
  return cli
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${options.parseMessage ? options.parseMessage(message) : message} (see ${options.name} --help)`);
    })
    .help()
    .alias('h', 'help')
    .version(version)
    .wrap(Math.min(110, process.stdout.columns || 100));
}

/** yargs on `argv` with the shared settings; add the commands, then hand it to `runCli`. */
export function createCli(argv: readonly string[], setup: CliSetup): Argv {
  const cli = yargs([...argv]).scriptName(setup.name).usage(setup.usage);
  const epilog = [setup.epilog, setup.exitCodes].filter((line) => line !== undefined).join('\n');
  return finishCli(epilog === '' ? cli : cli.epilog(epilog), setup);
}

export interface RunCliOptions extends ExitCodeOptions {
  /** The command's name, the prefix of the error line. */
  readonly name: string;
  /** The line shown for an error. @default `describeError` */
  readonly describeError?: ((error: unknown) => string) | undefined;
  /** Applied to the error line before it is written (the LLM tools redact keys from the environment). */
  readonly redact?: ((text: string) => string) | undefined;
  /**
   * Point every usage error at `--help`, not only yargs' own complaints (the hook tools do: their
   * commands' usage errors are about flags too). @default false
   */
  readonly hintEveryUsageError?: boolean | undefined;
}

/** The line for an error: an expected error's message, `internal error` and the stack for a bug. */
export function describeError(error: unknown): string {
  if (isExpected(error)) return error.message;
  return `internal error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/**
 * Parses and runs the command. Returns undefined when it ran (its handler knows the exit code), or
 * the exit code of what it threw, after printing it as `name: …` on stderr.
 */
export async function runCli<T>(cli: Argv<T>, options: RunCliOptions): Promise<number | undefined> {
  try {
    await cli.parseAsync();
    return undefined;
  } catch (error) {
    let line = (options.describeError ?? describeError)(error);
    const hint = ` (see ${options.name} --help)`;
    if (options.hintEveryUsageError === true && codeOf(error) === USAGE && !line.endsWith(hint)) line += hint;
    const text = `${options.name}: ${line}\n`;
    process.stderr.write(options.redact ? options.redact(text) : text);
    return exitCodeFor(error, options);
  }
}
