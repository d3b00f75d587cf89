import { EXIT_USAGE, USAGE, codeOf, describeError, finishCli, runCli } from '@fanout/cli-kit';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { SimFlags } from './cli/flags-to-options.js';

const DESCRIPTION =
  'An OpenAI-compatible server on 127.0.0.1 with latency, faults, rate limits and scripted answers.\n' +
  'Prints {"port":N} as its first stdout line, then serves until SIGINT/SIGTERM.';

/** yargs lists an unknown flag twice ("latncy-ms, latncyMs"); keep the form the user typed. */
function tidyUnknown(message: string, argv: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (!match) return message;
  const flag = (name: string): string => (name.length > 1 ? `--${name}` : `-${name}`);
  const all = match[1]!.split(', ');
  const typed = all.filter((name) => argv.some((arg) => arg === flag(name) || arg.startsWith(`${flag(name)}=`)));
  const names = typed.length > 0 ? typed : all;
  return `Unknown argument${names.length > 1 ? 's' : ''}: ${names.map(flag).join(', ')}`;
}

/** Library messages name options (`errorRate`); here the user typed flags (--error-rate). */
function describeSimError(error: unknown): string {
  if (codeOf(error) !== USAGE) return describeError(error);
  return (error as Error).message.replace(/`(\w+)`/, (_, name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
}

async function main(argv: string[]): Promise<number | undefined> {
  const cli = yargs(argv)
    .scriptName('llm-sim')
    .usage('$0 [options]\n\n' + DESCRIPTION)
    .command('$0', false, (y) => y, async (args) => {
      const { runServer } = await import('./cli/run-server.js');
      await runServer(args as unknown as SimFlags);
    })
    .options({
      port: { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (0 = any free port)' },
      'latency-ms': { type: 'number', default: 0, describe: 'Time from a request\'s arrival to its answer, ms (the mean with --latency-sd-ms)' },
      'latency-jitter-ms': { type: 'number', describe: 'Uniform jitter ± this many ms around --latency-ms' },
      'latency-sd-ms': { type: 'number', describe: 'Normal latency with this standard deviation, ms' },
      'error-rate': { type: 'number', default: 0, describe: 'Fraction (0..1) of requests answered with 500' },
      'fabricate-rate': { type: 'number', default: 0, describe: "offload's reader: fraction (0..1) of quotes made up" },
      rpm: { type: 'number', default: 0, describe: 'Requests per minute before 429s (0 = no limit)' },
      tpm: { type: 'number', default: 0, describe: 'Tokens per minute before 429s (0 = no limit)' },
      seed: { type: 'number', default: 0, describe: 'Seed of answers, latency and faults' },
      rules: { type: 'string', describe: 'JSON file of scripted answers (see README)' },
      'api-key-env': { type: 'string', describe: 'Require the key held in this environment variable' },
      models: { type: 'string', describe: 'Comma-separated model names (default sim-1,sim-1-mini)' },
      'stream-chunk-ms': { type: 'number', default: 0, describe: 'Delay between SSE chunks, ms' },
      'batch-delay-ms': { type: 'number', default: 1000, describe: 'Batch API: time a batch spends in progress, ms' },
      'batch-failure-rate': { type: 'number', default: 0, describe: 'Batch API: fraction of lines that fail' },
      'batch-expire-ms': { type: 'number', describe: 'Batch API: completion window, ms (default 24 h)' },
      'flex-unavailable-rate': { type: 'number', describe: 'service_tier "flex": fraction (0..1) answered 429 Resource Unavailable (default 0.05)' },
      'flex-latency-factor': { type: 'number', describe: 'service_tier "flex": latency multiplier (default 3)' },
      prices: { type: 'string', describe: 'JSON file of model → {input, cached_input, output} $/M tokens: answers carry usage.cost' },
      'prompt-cache': { type: 'boolean', default: true, describe: 'Report cached_tokens for repeated prompt prefixes (--no-prompt-cache: never)' },
      'prompt-cache-min-tokens': { type: 'number', describe: 'Shortest cached prefix, tokens (default 1024)' },
      'prompt-cache-block-tokens': { type: 'number', describe: 'Cached prefixes grow in steps of this many tokens (default 128)' },
    })
    .example('$0 --port 0 --latency-ms 100', 'Any free port, 100 ms per answer')
    .example('$0 --latency-ms 200 --latency-jitter-ms 50 --error-rate 0.05', '150–250 ms, 5% 500s')
    .example('$0 --rpm 600 --rules rules.json', 'Rate-limited, with scripted answers')
    .example('SIM_KEY=sk-test $0 --api-key-env SIM_KEY', 'Require a bearer key')
    .example('$0 --prices prices.json --prompt-cache-min-tokens 256', 'Priced answers; prefixes cached from 256 tokens');
  const framed = finishCli(cli, {
    name: 'llm-sim',
    packageJson: new URL('../package.json', import.meta.url),
    parseMessage: (message) => tidyUnknown(message, argv),
  });
  // Usage errors exit 2; a bad rules file or a port in use (SimError RULES_*, LISTEN_FAILED) 1.
  return runCli(framed, { name: 'llm-sim', usageExitCode: EXIT_USAGE, hintEveryUsageError: true, describeError: describeSimError });
}

const code = await main(hideBin(process.argv));
if (code !== undefined) process.exitCode = code;
