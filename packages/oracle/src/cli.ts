// `oracle`: yargs declares the flags; each command's module (and undici, the sim, yaml…) loads only
// when that command runs, so `--help` stays fast.
import { hideBin } from 'yargs/helpers';
import { EXIT_OK, createCli, runCli } from '@fanout/cli-kit';
import { llmRunOptions } from './cli/cli-errors.js';
import { DEFAULT_TIMEOUT_S, KEYS_HELP, commonProviderOptions } from './cli/provider-flags.js';
import { costOptions } from './cost/cost-flags.js';

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = EXIT_OK;
  // yargs drops a lone `-`; it means "read stdin", which --stdin also says.
  const args = argv.map((arg) => (arg === '-' ? '--stdin' : arg));
  const cli = createCli(args, {
    name: 'oracle',
    packageJson: new URL('../package.json', import.meta.url),
    usage: '$0 [prompt..]\n\nAsk a model, under one persona or several at once (stdin is read as context).',
    epilog: KEYS_HELP,
    exitCodes: 'Exit codes: 0 ok, 1 a persona failed, 2 usage error, 4 the estimate is over --max-cost/--max-total-tokens (nothing sent).',
  })
    .command(
      '$0 [prompt..]',
      'Ask the prompt (arguments and/or stdin)',
      (y) =>
        costOptions(
          commonProviderOptions(
            y
              .positional('prompt', { type: 'string', array: true, describe: 'The question (stdin, when piped, comes first as context)' })
              .option('persona', { alias: 'p', type: 'string', describe: 'Ask under this persona (see `oracle personas`)' })
              .option('batch', { alias: 'b', type: 'string', describe: 'Ask several personas at once: judge,critic,skeptic' })
              .option('file', { alias: 'f', type: 'string', describe: 'Attach a file as context (repeatable: -f a -f b)' })
              .option('system', { type: 'string', describe: 'Extra system prompt, added after the persona’s' })
              .option('stdin', { type: 'boolean', describe: 'Read stdin even when it is not a pipe (also: a lone -)' })
              .option('stream', { type: 'boolean', describe: 'Stream a single persona’s answer on a TTY [default: true]' })
              .option('transport', { choices: ['http', 'sdk'] as const, hidden: true, describe: 'HTTP client: undici request() or the openai SDK' }),
            {
              override: {
                concurrency: { describe: 'Requests at once [default: all personas]' },
                timeout: {
                  describe: `Seconds per attempt [default: none, but an attempt with nothing arriving for ${DEFAULT_TIMEOUT_S} s fails]; a ` +
                    `timed-out attempt is tried once more`,
                },
                retries: { default: 3 },
              },
            },
          ),
          { stopsHow: 'checked against the estimate before anything is sent' },
        )
          .example('$0 "Is this migration safe?" -f migrate.sql', 'ask the model with a file as context')
          .example('git diff | $0 -b critic,skeptic,judge "review"', 'three personas at once, the diff as context')
          .example('$0 --provider sim --batch judge,critic "hello"', 'offline, against the built-in simulator')
          .example('$0 --json -p judge "ship it?"', 'machine-readable output')
          .example('$0 --timeout 600 -p judge "think hard"', 'a slow model: wait up to 10 minutes per attempt')
          .example('$0 --dry-run -b judge,critic -f big.md "review"', 'calls, tokens and estimated cost; nothing sent')
          .example('$0 --max-cost 0.05 -b judge,critic,skeptic "…"', 'refused (exit 4) when the estimate is over 5 cents'),
      async (args) => {
        const { askCommand } = await import('./cli/ask-command.js');
        code = await askCommand(args);
      },
    )
    .command(
      'personas',
      'List the personas that can be asked, with where each comes from',
      (y) => y.option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' }).example('$0 personas --json', 'as JSON'),
      async (args) => {
        const { personasCommand } = await import('./cli/personas-command.js');
        code = await personasCommand(args as { json?: boolean });
      },
    );
  return (await runCli(cli, llmRunOptions('oracle'))) ?? code;
}

process.exitCode = await main(hideBin(process.argv));
