// `swarm`: one prompt asked n times (or every prompt of a JSONL file) at high concurrency, results
// streamed to a JSONL file, answers optionally voted on and the run stopped early once the vote is
// decided. Returns the summary and the results file's path; progress is items done out of total.
import type { Persona } from '@fanout/oracle';
import type { ItemSource } from '@fanout/swarm';
import { z } from 'zod';
import { toolWording } from '../describe-error.js';
import { invalidArgument } from '../errors.js';
import { newOutputFile, resolvePath, writableFile } from '../paths.js';
import { providerArgs, withClient, type ProviderChoice } from '../provider-args.js';
import { throttled } from '../progress.js';
import { defineTool, type ToolArgs } from '../tool.js';

// Without a rate the limiter only follows what the server says (x-ratelimit-*, retry-after), as the
// swarm CLI does: parallel-core's RateLimiter needs a rate, so it gets one nobody reaches.
const UNPACED_RPM = 1e9;
const PROGRESS_INTERVAL_MS = 100;

const inputSchema = {
  prompt: z.string().trim().min(1).optional().describe('The prompt to ask n times (give this and n, or input_file).'),
  input_file: z
    .string()
    .min(1)
    .optional()
    .describe('A JSONL file of prompts instead, one {"id": "…", "prompt": "…"} per line (relative to the project directory).'),
  n: z.number().int().min(1).max(100_000).optional().describe('How many times to ask prompt (required with prompt).'),
  vote: z
    .boolean()
    .optional()
    .describe('Tally the answers: by default the last "Answer: X" line of each reply, else its last line (see extract). Default false.'),
  early_stop: z
    .boolean()
    .optional()
    .describe('Stop once the leading answer cannot lose with 99% confidence, cancelling the calls still running (implies vote). Default false.'),
  extract: z
    .string()
    .min(1)
    .optional()
    .describe('A regular expression finding the answer in each reply (its first group, else the match), e.g. "Answer: (\\\\w+)" (implies vote).'),
  out: z
    .string()
    .min(1)
    .optional()
    .describe('The JSONL results file to write, one line per item (relative to the project directory). Default: a new file in the system temp directory.'),
  concurrency: z.number().int().min(1).max(1000).optional().describe('Calls at once (default 50).'),
  ...providerArgs,
};

type SwarmArgs = ToolArgs<typeof inputSchema>;

interface Work {
  readonly source: ItemSource;
  readonly personas: Map<string, Persona>;
}

async function work(args: SwarmArgs, cwd: string): Promise<Work> {
  const { inputSource, promptSource, readInput, scanInput } = await import('@fanout/swarm');
  if (args.input_file === undefined) return { source: promptSource(args.prompt!, args.n!, []), personas: new Map() };
  const file = resolvePath(cwd, args.input_file);
  const scan = scanInput(file);
  const names = [...scan.personas];
  const { findPersonas } = await import('@fanout/oracle');
  const found = names.length > 0 ? await findPersonas(names, { cwd }) : [];
  // A malformed line is an error naming its line (no skipping): the caller can fix the file.
  return { source: inputSource(() => readInput(file), scan.ids, []), personas: new Map(names.map((name, i) => [name, found[i]!])) };
}

function checkArgs(args: SwarmArgs): void {
  if ((args.prompt === undefined) === (args.input_file === undefined)) throw invalidArgument('give either prompt (with n) or input_file, not both');
  if (args.prompt !== undefined && args.n === undefined) throw invalidArgument('n is required with prompt: how many times to ask it');
  if (args.input_file !== undefined && args.n !== undefined) throw invalidArgument('n cannot be used with input_file (the file says what to ask)');
}

export const swarmTool = defineTool({
  name: 'swarm',
  title: 'Ask one prompt many times at once (sample, vote, stop early)',
  description:
    'Ask a prompt n times (or every prompt of a JSONL file) in parallel, e.g. to sample many answers and take a majority vote. Results stream to a ' +
      'JSONL file, one line per item; the summary gives counts, latency, tokens, the vote tally and the winner with its agreement. Use ' +
      'vote/early_stop with a prompt that asks for a short final answer line.',
  inputSchema,
  readOnly: false,
  async run(args, { signal, cwd, ...context }) {
    checkArgs(args);
    const progress = throttled(context.progress, PROGRESS_INTERVAL_MS);
    const voting = Boolean(args.vote || args.early_stop || args.extract !== undefined);
    const out = args.out === undefined ? await newOutputFile('swarm', 'jsonl') : await writableFile(cwd, args.out, 'out');
    const [swarm, { RateLimiter }] = await Promise.all([import('@fanout/swarm'), import('@fanout/parallel-core')]);
    const extract = voting ? swarm.createExtractor(args.extract === undefined ? {} : { regex: args.extract }) : undefined;
    const { source, personas } = await work(args, cwd);
    const concurrency = Math.max(1, Math.min(args.concurrency ?? 50, source.n));
    let done = 0;
    let firstError: string | undefined;
    progress(0, source.n, `${source.n} items`);
    const report = await withClient(args as ProviderChoice, concurrency, (client) =>
      swarm.runSwarm({
        client,
        source,
        personas,
        ...(args.model === undefined ? {} : { model: args.model }),
        concurrency,
        rateLimit: new RateLimiter({ requestsPerMinute: UNPACED_RPM }),
        out,
        ...(extract ? { extract } : {}),
        ...(args.early_stop ? { earlyStop: new swarm.EarlyStop() } : {}),
        signal,
        onResult: (record) => {
          firstError ??= record.error;
          progress(++done, source.n, `${done} of ${source.n} done`);
        },
      }),
    );
    const allFailed = report.ok === 0 && report.failed > 0;
    const error = allFailed ? `every call failed, e.g. ${toolWording(firstError ?? 'unknown error')}` : undefined;
    const text = swarm.formatSummary(report, out).trimEnd();
    return {
      text: error ? `${error}\n${text}` : text,
      data: { ...report, out, ...(error ? { error } : {}) },
      isError: allFailed,
    };
  },
});
