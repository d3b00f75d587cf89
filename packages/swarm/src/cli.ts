// `swarm`: yargs declares the flags; the command's module (oracle, undici, the sim…) loads only when
// it runs, so `--help` stays fast.
import { EXIT_OK, createCli, runCli } from '@fanout/cli-kit';
import { KEYS_HELP, commonProviderOptions, llmRunOptions } from '@fanout/oracle/llm-cli';
import { costOptionSpecs } from '@fanout/oracle/cost';
import { hideBin } from 'yargs/helpers';

// Besides oracle's: swarm's own mistakes in flags, input and results files, and a key or model the
// provider refuses (swarm stops at the first such answer instead of failing every item).
const USAGE_CODES = ['E_INPUT', 'E_RESULTS_FILE', 'E_MERGE', 'UNKNOWN_MODEL', 'AUTH'];
const PACE = 'Pace:';

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = EXIT_OK;
  const cli = createCli(argv, {
    name: 'swarm',
    packageJson: new URL('../package.json', import.meta.url),
    usage:
      '$0 [prompt..] --n N --out results.jsonl\n\nAsk one prompt N times (or every prompt of a JSONL file) at high concurrency, streaming results to disk.',
    epilog: KEYS_HELP,
    exitCodes:
      'Exit codes: 0 all ok, 1 some items failed or results could not be written (what was written is kept), 2 usage or input error, ' +
      '4 a budget stopped it (results kept; finish with --resume and a higher limit), 130 interrupted (finish with --resume).',
  })
    .command(
      '$0 [prompt..]',
      'Run the swarm',
      (y) =>
        commonProviderOptions(
          y
            .positional('prompt', { type: 'string', array: true, describe: 'The prompt (or on stdin)' })
            .option('n', { type: 'number', group: 'Work:', describe: 'How many times to ask the prompt (ids 0..N-1, seed = id)' })
            .option('input', { alias: 'i', type: 'string', group: 'Work:', describe: 'JSONL of {"id","prompt","persona"?} instead of one prompt' })
            .option('skip-invalid', { type: 'boolean', group: 'Work:', describe: 'Skip and count malformed input lines instead of stopping' })
            .option('shard', {
              type: 'string',
              group: 'Work:',
              describe: 'Run only share i of k (by id hash, the same on every machine); join with swarm merge',
            })
            .option('personas', { type: 'string', group: 'Work:', describe: 'Cross every item with these personas: judge,critic (ids <id>:<persona>)' })
            .option('system', { type: 'string', group: 'Work:', describe: 'Extra system prompt for every call' })
            .option('temperature', { type: 'number', group: 'Work:', describe: 'Sampling temperature' })
            .option('max-tokens', { type: 'number', group: 'Work:', describe: 'Answer length limit (Anthropic batches need one: 4096 when not given)' })
            .option('out', { alias: 'o', type: 'string', group: 'Results:', describe: 'results.jsonl: one line per item as it completes' })
            .option('resume', { type: 'boolean', group: 'Results:', describe: 'Skip ids already in --out and finish the rest' })
            .option('retry-failed', { type: 'boolean', group: 'Results:', describe: 'With --resume: run the ids that failed again' })
            .option('force', {
              type: 'boolean',
              group: 'Results:',
              describe: 'Empty an --out that holds results and start over; with --resume, resume even though the work or settings changed',
            })
            .option('endpoint', {
              type: 'string',
              array: true,
              group: 'Endpoints:',
              describe: 'Share the work among several servers or keys: NAME=URL[,key-env=VAR][,weight=W][,model=M] (repeat it); each one gets work ' +
                'by its measured capacity',
            })
            .option('endpoints', { type: 'string', group: 'Endpoints:', describe: 'The endpoints from a file: JSON ' +
              '[{"name","url","key_env","weight","model"}] or one NAME=URL,… per line' })
            .option('rpm', { type: 'number', group: PACE, describe: 'Requests per minute' })
            .option('tpm', { type: 'number', group: PACE, describe: 'Tokens per minute (estimated from prompt length + --max-tokens)' })
            .option('adaptive', { type: 'boolean', default: true, group: PACE, describe: 'Halve concurrency on 429s (--no-adaptive to keep it fixed)' })
            .option('flex', {
              type: 'boolean',
              group: PACE,
              describe: 'OpenAI flex processing (service_tier flex: batch prices, slower): waits up to 15 min per call; its 429 "Resource ' +
                'Unavailable" is retried with backoff and never cuts concurrency',
            })
            .option('vote', { type: 'boolean', group: 'Vote:', describe: 'Tally the normalised answers: distribution, winner, agreement' })
            .option('extract', { type: 'string', group: 'Vote:', describe: 'Answer = first capture group (or match) of this regex; implies --vote' })
            .option('extract-json', { type: 'string', group: 'Vote:', describe: 'Answer = this field of a JSON reply (dotted path); implies --vote' })
            .option('early-stop', { type: 'boolean', group: 'Vote:', describe: 'Stop once the winner is settled; cancel calls in flight; implies --vote' })
            .option('confidence', { type: 'number', default: 0.99, group: 'Vote:', describe: 'Early stop: posterior probability the leader is ahead' })
            .option('min-samples', { type: 'number', default: 20, group: 'Vote:', describe: 'Early stop: votes before the test may stop' })
            .option('batch-api', {
              type: 'boolean',
              group: 'Batch API:',
              describe: 'Send the work through the provider’s batch API, by --provider: OpenAI Batch API, Anthropic Message Batches or Gemini ' +
                'batch mode (half price, results within 24 h)',
            })
            .option('state-dir', { type: 'string', group: 'Batch API:', describe: 'Where batch runs are kept [default: $FANOUT_BATCH_DIR or .fanout/batches]' })
            .option('batch-max-requests', { type: 'number', hidden: true, describe: 'Requests per batch input file [default: 50000]' })
            .option('poll-ms', { type: 'number', hidden: true, describe: 'First wait between batch polls in ms [default: 1000]' })
            .options(costOptionSpecs({ onBudget: true, stopsHow: 'no call starts that could cross it; results kept, exit 4' }))
            .example('$0 "Pick a number from 1 to 10" --n 1000 --out r.jsonl --vote', 'a thousand samples, tallied')
            .example('$0 --input prompts.jsonl --out r.jsonl --concurrency 200 --rpm 5000', 'a file of prompts, paced')
            .example('$0 --input prompts.jsonl --out r.jsonl --resume', 'finish a run that was interrupted')
            .example('$0 "2+2?" --n 500 --early-stop --extract "(\\d+)" --json', 'stop once the answer is settled')
            .example('$0 --provider sim "hello" --n 100 --out r.jsonl', 'offline, against the built-in simulator')
            .example('$0 --input prompts.jsonl --out r.jsonl --batch-api', 'through OpenAI’s Batch API; Ctrl-C leaves it running')
            .example('$0 --provider anthropic -i p.jsonl -o r.jsonl --batch-api', 'through Anthropic’s Message Batches (gemini: Gemini batch mode)')
            .example('$0 -i p.jsonl -o r.jsonl --resume --retry-failed', 'run a batch’s failed lines again, directly')
            .example('$0 --input prompts.jsonl --out r.jsonl --flex', 'OpenAI flex processing: batch prices, answers as they come')
            .example('$0 --input prompts.jsonl --shard 2/4 --out r2.jsonl', 'one of four machines: a quarter of the work')
            .example('$0 -i p.jsonl -o r.jsonl --dry-run --model gpt-4o-mini', 'calls, tokens and cost before spending anything')
            .example('$0 -i p.jsonl -o r.jsonl --max-cost 5', 'stop at $5 (exit 4); then --resume --max-cost 8 finishes')
            .example(
              '$0 -i p.jsonl -o r.jsonl --endpoint a=http://gpu1:8000/v1 --endpoint b=https://api.openai.com/v1,key-env=OPENAI_API_KEY',
              'two endpoints sharing one run',
            ),
          {
            extraSim: true,
            group: 'Provider:',
            override: {
              model: { describe: 'Model (env FANOUT_MODEL)' },
              concurrency: { alias: 'c', default: 50, group: PACE, describe: 'Calls at once (cut on 429s, regrown on success)' },
              retries: { default: 5, group: PACE, describe: 'Retries per item on 429/5xx/dropped connections/timeouts' },
              timeout: { group: PACE },
              json: { describe: 'Summary as JSON on stdout' },
            },
          },
        ),
      async (args) => {
        const { swarmCommand } = await import('./cli/run-command.js');
        code = await swarmCommand(args);
      },
    )
    .command(
      'merge <out> <inputs..>',
      'Join results files (e.g. every --shard of one work) into one: each id once, none missing, votes tallied',
      (y) =>
        y
          .positional('out', { type: 'string', demandOption: true, describe: 'The merged results file' })
          .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'Results files to join' })
          .option('force', { type: 'boolean', describe: 'Replace an OUT that already holds results' })
          .option('vote', { type: 'boolean', describe: 'Tally answers, extracting them from lines written without one' })
          .option('extract', { type: 'string', describe: 'Answer = first capture group (or match) of this regex; implies --vote' })
          .option('extract-json', { type: 'string', describe: 'Answer = this field of a JSON reply (dotted path); implies --vote' })
          .option('json', { type: 'boolean', describe: 'Summary as JSON on stdout' })
          .example('$0 merge all.jsonl r1.jsonl r2.jsonl r3.jsonl r4.jsonl', 'join four shards; refused if an id is missing or doubled'),
      async (args) => {
        const { mergeCommand } = await import('./cli/merge-command.js');
        code = await mergeCommand(args as never);
      },
    )
    .command(
      'batches <action> [id]',
      'Batch API runs: list | status ID | cancel ID | fetch ID (ID: a run swr_… or a batch id)',
      (y) =>
        y
            .positional('action', { choices: ['list', 'status', 'cancel', 'fetch'] as const, describe: 'What to do' })
            .positional('id', { type: 'string', describe: 'Run id (swr_…) or batch id' })
            .option('state-dir', { type: 'string', describe: 'Where batch runs are kept [default: $FANOUT_BATCH_DIR or .fanout/batches]' })
            .option('poll-ms', { type: 'number', hidden: true, describe: 'First wait between polls in ms' })
            .example('$0 batches list', 'runs kept here, with their batches')
            .example('$0 batches fetch swr_lx2k3j9abc', 'wait for a run and write its results')
            .option('json', { type: 'boolean', describe: 'Machine-readable output on stdout' }),
      async (args) => {
        const { batchesCommand } = await import('./cli/batches-command.js');
        code = await batchesCommand(args as never);
      },
    );
  return (await runCli(cli, llmRunOptions('swarm', USAGE_CODES))) ?? code;
}

process.exitCode = await main(hideBin(process.argv));
