// `council`: yargs declares the flags; the command's module (oracle, undici, the sim…) loads only
// when it runs, so `--help` stays fast.
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_OK, UsageError, describeError, exitCodeFor } from './cli/cli-errors.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const PROVIDERS = ['openai', 'openrouter', 'ollama', 'anthropic', 'gemini', 'sim'] as const;

/** Values of variables that look like credentials: whatever is printed passes through a filter of them. */
function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value && /(?:API_KEY|_TOKEN|_SECRET|_PASSWORD)$/i.test(name))
    .map(([, value]) => value!);
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = EXIT_OK;
  const secrets = secretsFromEnv(process.env);
  const cli = yargs([...argv])
    .scriptName('council')
    .usage('$0 [question..]\n\nPersonas deliberate in rounds, seeing each other’s answers anonymised; an arbiter decides when they agree.')
    .command(
      '$0 [question..]',
      'Ask the council (arguments and/or stdin)',
      (y) =>
        y
          .positional('question', { type: 'string', array: true, describe: 'The question (stdin, when piped, comes first as context)' })
          .option('personas', { alias: 'p', type: 'string', default: 'judge,critic,skeptic', describe: 'Members of the council' })
          .option('rounds', { alias: 'r', type: 'number', default: 3, describe: 'Most rounds (fewer when the arbiter sees convergence)' })
          .option('speculative', { type: 'boolean', describe: 'Start round k+1 while the arbiter judges round k; abort it if k converged' })
          .option('arbiter', { type: 'string', default: 'arbiter', describe: 'Persona that judges convergence and writes the synthesis' })
          .option('review', { type: 'boolean', describe: 'Each round, members rank the others’ anonymised answers before the arbiter' })
          .option('transcript', { type: 'string', describe: 'Write a readable Markdown record of every round to FILE' })
          .option('model', { type: 'string', describe: 'Model for every persona (env FANOUT_MODEL is the default)' })
          .option('concurrency', { type: 'number', describe: 'Requests of one round at once [default: all personas]' })
          .option('timeout', { type: 'number', describe: 'Seconds per attempt' })
          .option('retries', { type: 'number', describe: 'Retries on 429/5xx/dropped connections [default: 2]' })
          .option('sim-latency-ms', { type: 'number', describe: 'With --provider sim: answer latency in ms' })
          .option('sim-rules', { type: 'string', describe: 'With --provider sim: JSON rules file scripting answers' })
          .example('$0 "Should we shard the orders table?"', 'judge, critic and skeptic, up to 3 rounds')
          .example('$0 --speculative --rounds 4 -p judge,pragmatist "cursor or offset pagination?"', 'faster rounds')
          .example('cat design.md | $0 --review --transcript council.md "is this design sound?"', 'with peer review, keep a record')
          .example('$0 --provider sim --json "hello" | jq .final', 'offline, machine-readable'),
      async (args) => {
        const { councilCommand, redactingIo } = await import('./cli/council-command.js');
        code = await councilCommand(args, redactingIo(secrets));
      },
    )
    .option('provider', { choices: PROVIDERS, describe: 'Where to send requests [default: openai when OPENAI_API_KEY is set]' })
    .option('base-url', { type: 'string', describe: 'OpenAI-compatible base URL (env OPENAI_BASE_URL)' })
    .option('json', { type: 'boolean', describe: 'The whole record as JSON on stdout' })
    .epilog(
      'Keys come from the environment: OPENAI_API_KEY, OPENROUTER_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (ollama and sim need none).\n' +
        'Exit codes: 0 ok, 1 the council failed (every persona, or the arbiter in every round), 2 usage error, 130 interrupted.',
    )
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns || 100));
  try {
    await cli.parseAsync();
  } catch (error) {
    const hint = error instanceof UsageError ? ' (see council --help)' : '';
    let line = `council: ${describeError(error)}${hint}\n`;
    for (const secret of secrets) if (secret.length >= 4) line = line.split(secret).join('***');
    process.stderr.write(line);
    code = exitCodeFor(error);
  }
  return code;
}

process.exitCode = await main(hideBin(process.argv));
