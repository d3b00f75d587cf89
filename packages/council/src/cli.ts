// `council`: yargs declares the flags; the command's module (oracle's client, undici, the sim…) loads
// only when it runs, so `--help` stays fast.
import { EXIT_OK, createCli, runCli } from '@fanout/cli-kit';
import { KEYS_HELP, commonProviderOptions, llmRunOptions } from '@fanout/oracle/llm-cli';
import { costOptions } from '@fanout/oracle/cost';
import { hideBin } from 'yargs/helpers';

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = EXIT_OK;
  const cli = createCli(argv, {
    name: 'council',
    packageJson: new URL('../package.json', import.meta.url),
    usage: '$0 [question..]\n\nPersonas deliberate in rounds, seeing each other’s answers anonymised; an arbiter decides when they agree.',
    epilog: KEYS_HELP,
    exitCodes:
      'Exit codes: 0 ok, 1 the council failed (every persona, or the arbiter in every round), 2 usage error, ' +
      '4 a budget stopped it between rounds (the last complete round\'s verdict is printed), 130 interrupted.',
  }).command(
    '$0 [question..]',
    'Ask the council (arguments and/or stdin)',
    (y) =>
      costOptions(
        commonProviderOptions(
          y
            .positional('question', { type: 'string', array: true, describe: 'The question (stdin, when piped, comes first as context)' })
            .option('personas', { alias: 'p', type: 'string', default: 'judge,critic,skeptic', describe: 'Members of the council' })
            .option('rounds', { alias: 'r', type: 'number', default: 3, describe: 'Most rounds (fewer when the arbiter sees convergence)' })
            .option('speculative', { type: 'boolean', describe: 'Start round k+1 while the arbiter judges round k; abort it if k converged' })
            .option('arbiter', { type: 'string', default: 'arbiter', describe: 'Persona that judges convergence and writes the synthesis' })
            .option('review', { type: 'boolean', describe: 'Each round, members rank the others’ anonymised answers before the arbiter' })
            .option('transcript', { type: 'string', describe: 'Write a readable Markdown record of every round to FILE' }),
          {
            override: {
              concurrency: { describe: 'Requests of one round at once [default: all personas]' },
              retries: { default: 2 },
              json: { describe: 'The whole record as JSON on stdout' },
            },
          },
        ),
        { stopsHow: 'checked before each round: a council stops only between rounds' },
      )
        .example('$0 "Should we shard the orders table?"', 'judge, critic and skeptic, up to 3 rounds')
        .example('$0 --speculative --rounds 4 -p judge,pragmatist "cursor or offset pagination?"', 'faster rounds')
        .example('cat design.md | $0 --review --transcript council.md "is this design sound?"', 'with peer review, keep a record')
        .example('$0 --provider sim --json "hello" | jq .final', 'offline, machine-readable')
        .example('cat design.md | $0 --dry-run "is this design sound?"', 'what up to 3 rounds would cost; nothing sent')
        .example('$0 --max-cost 0.50 --rounds 5 "…"', 'stops between rounds before one would cross 50 cents (exit 4)'),
    async (args) => {
      const { councilCommand } = await import('./cli/council-command.js');
      code = await councilCommand(args);
    },
  );
  return (await runCli(cli, llmRunOptions('council'))) ?? code;
}

process.exitCode = await main(hideBin(process.argv));
