// `oracle`: yargs declares the flags; each command's module (and undici, the sim, yaml…) loads only
// when that command runs, so `--help` stays fast.
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_OK, UsageError, describeError, exitCodeFor } from './cli/cli-errors.js';
import { PROVIDER_NAMES } from './providers.js';
import { redact, secretsFromEnv } from './redact.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = EXIT_OK;
  // yargs drops a lone `-`; it means "read stdin", which --stdin also says.
  const args = argv.map((arg) => (arg === '-' ? '--stdin' : arg));
  const cli = yargs(args)
    .scriptName('oracle')
    .usage('$0 [prompt..]\n\nAsk a model, under one persona or several at once (stdin is read as context).')
    .command(
      '$0 [prompt..]',
      'Ask the prompt (arguments and/or stdin)',
      (y) =>
        y
          .positional('prompt', { type: 'string', array: true, describe: 'The question (stdin, when piped, comes first as context)' })
          .option('persona', { alias: 'p', type: 'string', describe: 'Ask under this persona (see `oracle personas`)' })
          .option('batch', { alias: 'b', type: 'string', describe: 'Ask several personas at once: judge,critic,skeptic' })
          .option('file', { alias: 'f', type: 'string', describe: 'Attach a file as context (repeatable: -f a -f b)' })
          .option('system', { type: 'string', describe: 'Extra system prompt, added after the persona’s' })
          .option('model', { type: 'string', describe: 'Model for every persona (env FANOUT_MODEL is the default)' })
          .option('concurrency', { type: 'number', describe: 'Requests at once [default: all personas]' })
          .option('timeout', { type: 'number', describe: 'Seconds per attempt' })
          .option('retries', { type: 'number', describe: 'Retries on 429/5xx/dropped connections [default: 3]' })
          .option('stdin', { type: 'boolean', describe: 'Read stdin even when it is not a pipe (also: a lone -)' })
          .option('stream', { type: 'boolean', describe: 'Stream a single persona’s answer on a TTY [default: true]' })
          .option('transport', { choices: ['http', 'sdk'] as const, hidden: true, describe: 'HTTP client: undici request() or the openai SDK' })
          .option('sim-latency-ms', { type: 'number', describe: 'With --provider sim: answer latency in ms' })
          .option('sim-rules', { type: 'string', describe: 'With --provider sim: JSON rules file scripting answers' })
          .example('$0 "Is this migration safe?" -f migrate.sql', 'ask the model with a file as context')
          .example('git diff | $0 -b critic,skeptic,judge "review"', 'three personas at once, the diff as context')
          .example('$0 --provider sim --batch judge,critic "hello"', 'offline, against the built-in simulator')
          .example('$0 --json -p judge "ship it?"', 'machine-readable output'),
      async (args) => {
        const { askCommand } = await import('./cli/ask-command.js');
        code = await askCommand(args);
      },
    )
    .command(
      'personas',
      'List the personas that can be asked, with where each comes from',
      (y) => y.example('$0 personas --json', 'as JSON'),
      async (args) => {
        const { personasCommand } = await import('./cli/personas-command.js');
        code = await personasCommand(args as { json?: boolean });
      },
    )
    .option('provider', { choices: PROVIDER_NAMES, describe: 'Where to send requests [default: openai when OPENAI_API_KEY is set]' })
    .option('base-url', { type: 'string', describe: 'OpenAI-compatible base URL (env OPENAI_BASE_URL)' })
    .option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' })
    .epilog(
      'Keys come from the environment: OPENAI_API_KEY, OPENROUTER_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (ollama and sim need none).\n' +
        'Exit codes: 0 ok, 1 a persona failed, 2 usage error.',
    )
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${message} (see oracle --help)`);
    })
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns || 100));
  try {
    await cli.parseAsync();
  } catch (error) {
    const secrets = secretsFromEnv(process.env);
    process.stderr.write(redact(`oracle: ${describeError(error)}\n`, secrets));
    code = exitCodeFor(error);
  }
  return code;
}

process.exitCode = await main(hideBin(process.argv));
