// `offload`: yargs declares the flags; the command's module (oracle's client, the sim…) loads only
// when it runs, so `--help` stays fast.
import { EXIT_OK, createCli, runCli } from '@fanout/cli-kit';
import { KEYS_HELP, commonProviderOptions, llmRunOptions } from '@fanout/oracle/llm-cli';
import { costOptionSpecs } from '@fanout/oracle/cost';
import { hideBin } from 'yargs/helpers';

// Besides oracle's: offload's own mistakes in flags and input, and a key or model the provider refuses
// (the run stops at the first such answer instead of failing every chunk).
const USAGE_CODES = ['E_INPUT', 'UNKNOWN_MODEL', 'AUTH'];
const READ = 'Reading:';
const ANSWER = 'Answer:';
const PACE = 'Pace:';

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = EXIT_OK;
  const cli = createCli(argv, {
    name: 'offload',
    packageJson: new URL('../package.json', import.meta.url),
    usage:
      '$0 <question> [paths..]\n\nMany cheap readers read a corpus in parallel and return findings with quotes; every quote is ' +
      'checked verbatim at its file:line; one short answer comes back with its sources. Paths are files, directories ' +
      '(git-aware) and globs; with no paths (or "-") the corpus is stdin.',
    epilog: KEYS_HELP,
    exitCodes: 'Exit codes: 0 done, 1 some chunks could not be read (the answer leaves them out) or the run failed, 2 usage or input error, ' +
      '4 a budget stopped it (what was read is cached: run again with a higher limit), 130 ' +
      'interrupted (what was read is cached: run again to continue).',
  }).command(
    '$0 [question] [paths..]',
    'Answer the question from the files',
    (y) =>
      commonProviderOptions(
        y
          .positional('question', { type: 'string', describe: 'What to find out' })
          .positional('paths', { type: 'string', array: true, describe: 'Files, directories and globs (or - for stdin)' })
          .option('map-model', { type: 'string', group: 'Provider:', describe: 'Model of the readers (default --model)' })
          .option('reduce-model', { type: 'string', group: 'Provider:', describe: 'Model that writes the answer (default --model)' })
          .option('sim-fabricate-rate', { type: 'number', group: 'Provider:', describe: "With --provider sim: share of the readers' quotes made up" })
          .option('chunk-tokens', { type: 'number', default: 6000, group: READ, describe: 'Most tokens of files one reader gets' })
          .option('include-untracked', { type: 'boolean', group: READ, describe: 'Also read files git does not track (.gitignore still applies)' })
          .option('max-file-kb', { type: 'number', default: 1024, group: READ, describe: 'Skip files larger than this' })
          .option('cache-dir', { type: 'string', group: READ, describe: 'Where readers’ findings are cached [default: $XDG_CACHE_HOME/fanout/offload]' })
          .option('cache', { type: 'boolean', default: true, group: READ, describe: 'Use the cache (--no-cache to read everything again)' })
          .option('dry-run', { type: 'boolean', group: READ, describe: 'Show files, tokens, calls and estimated cost; spend nothing' })
          .option('budget', { type: 'number', default: 800, group: ANSWER, describe: 'Tokens the answer may take' })
          .option('keep-unverified', { type: 'boolean', group: ANSWER, describe: 'Show findings whose quote is not in the cited lines, marked' })
          .option('price', { type: 'string', group: ANSWER, describe: 'Model price for the cost estimate: IN,OUT dollars per million tokens' })
          .option('rpm', { type: 'number', group: PACE, describe: 'Requests per minute' })
          .option('tpm', { type: 'number', group: PACE, describe: 'Tokens per minute (chunk estimate + answer limit per call)' })
          .options(costOptionSpecs({ ownDryRun: true, stopsHow: 'refused when the estimate is over it; readers stop before crossing it (exit 4)' }))
          .example('$0 "Where are webhooks verified?" src/ "lib/**/*.ts"', 'an answer with file:line sources')
          .example('$0 --dry-run "…" .', 'files, tokens, calls and estimated cost; spends nothing')
          .example('$0 --max-cost 0.25 --model gpt-4o-mini "…" .', 'refused, or stopped before the readers cross 25 cents (exit 4)')
          .example('$0 --json "…" .', 'machine-readable: {answer, findings, conflicts, stats}')
          .example('git diff main | $0 "What could break?"', 'stdin as the corpus')
          .example('$0 --map-model gpt-4.1-nano --reduce-model gpt-4.1 "…" .', 'cheap readers, a strong writer')
          .example('$0 --provider sim "Where are keys redacted?" packages', 'offline, on the built-in simulator'),
        {
          extraSim: true,
          group: 'Provider:',
          override: {
            model: { describe: 'Model of readers and writer (env FANOUT_MODEL)' },
            concurrency: { alias: 'c', default: 50, group: PACE, describe: 'Reader calls at once (cut on 429s, regrown on success)' },
            retries: { default: 5, group: PACE, describe: 'Retries per call on 429/5xx/dropped connections/timeouts' },
            timeout: { group: PACE },
            json: { describe: 'One JSON object on stdout: {answer, findings, conflicts, skipped, stats}' },
          },
        },
      ),
    async (args) => {
      const { offloadCommand } = await import('./cli/run-command.js');
      code = await offloadCommand(args);
    },
  );
  return (await runCli(cli, llmRunOptions('offload', USAGE_CODES))) ?? code;
}

process.exitCode = await main(hideBin(process.argv));
