// The frame every fanout CLI shares: strict flags, no process.exit (tests drive `main`), a `.fail()`
// that turns yargs' complaints into one-line usage errors, -h/--help, --version, and one redacted
// line on stderr for whatever goes wrong.
import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { redact, secretsFromEnv } from '../redact.js';
import { UsageError, describeError, exitCodeFor, type ExitCodeOptions } from './cli-errors.js';

/** Said under every fanout CLI's help. */
export const KEYS_HELP =
  'Keys come from the environment: OPENAI_API_KEY, OPENROUTER_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (ollama and sim need none).';

export interface CliSetup {
  /** The command's name: `$0` in help and the prefix of every error line. */
  readonly name: string;
  /** The CLI's own package.json, whose `version` `--version` prints: `new URL('../package.json', import.meta.url)`. */
  readonly packageJson: URL;
  /** The usage line and a sentence on what the command does. */
  readonly usage: string;
  /** The exit-code line of the help's epilog, e.g. `Exit codes: 0 ok, 1 failed, 2 usage error.` */
  readonly exitCodes: string;
}

export interface RunCliOptions extends ExitCodeOptions {
  /** The command's name, the prefix of the error line. */
  readonly name: string;
}

/** yargs on `argv` with the shared settings; add the commands, then hand it to `runCli`. */
export function createCli(argv: readonly string[], setup: CliSetup): Argv {
  const { version } = JSON.parse(readFileSync(setup.packageJson, 'utf8')) as { version: string };
  return yargs([...argv])
    .scriptName(setup.name)
    .usage(setup.usage)
    .epilog(`${KEYS_HELP}\n${setup.exitCodes}`)
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${message} (see ${setup.name} --help)`);
    })
    .help()
    .alias('h', 'help')
    .version(version)
    .wrap(Math.min(110, process.stdout.columns || 100));
}

/**
 * Parses and runs the command. Returns undefined when it ran (its handler knows the exit code), or
 * the exit code of what it threw, after printing it as one line `name: …` on stderr with every
 * key from the environment redacted.
 */
export async function runCli(cli: Argv, options: RunCliOptions): Promise<number | undefined> {
  try {
    await cli.parseAsync();
    return undefined;
  } catch (error) {
    process.stderr.write(redact(`${options.name}: ${describeError(error)}\n`, secretsFromEnv(process.env)));
    return exitCodeFor(error, options);
  }
}
