import { checkProviderFlags, type ProviderFlags } from '@fanout/oracle/llm-cli';
import { budgetLimits, checkCostFlags, hasLimit, type CostFlags } from '@fanout/oracle/cost';
import { UsageError } from '../errors.js';
import { parseShard } from '../shard/shard.js';

/** The flags of `swarm [prompt..]`, as yargs hands them over. */
export interface RunArgs extends ProviderFlags, CostFlags {
  readonly prompt?: readonly (string | number)[] | undefined;
  readonly n?: number | undefined;
  readonly input?: string | undefined;
  readonly shard?: string | undefined;
  readonly endpoint?: readonly string[] | undefined;
  readonly endpoints?: string | undefined;
  readonly skipInvalid?: boolean | undefined;
  readonly personas?: string | undefined;
  readonly system?: string | undefined;
  readonly temperature?: number | undefined;
  readonly maxTokens?: number | undefined;
  readonly out?: string | undefined;
  readonly resume?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly retryFailed?: boolean | undefined;
  readonly rpm?: number | undefined;
  readonly tpm?: number | undefined;
  readonly adaptive?: boolean | undefined;
  readonly vote?: boolean | undefined;
  readonly extract?: string | undefined;
  readonly extractJson?: string | undefined;
  readonly earlyStop?: boolean | undefined;
  readonly confidence?: number | undefined;
  readonly minSamples?: number | undefined;
  readonly batchApi?: boolean | undefined;
  readonly flex?: boolean | undefined;
  readonly stateDir?: string | undefined;
  readonly batchMaxRequests?: number | undefined;
  readonly pollMs?: number | undefined;
}

function integer(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${value}`);
}

function positive(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new UsageError(`--${name} must be a number > 0, got ${value}`);
}

/** Persona names from `--personas a,b`: trimmed, non-empty, no repeats. */
export function personaList(flag: string | undefined): string[] {
  if (flag === undefined) return [];
  const names = flag.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) throw new UsageError('--personas needs comma-separated names, e.g. --personas judge,critic');
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UsageError(`--personas names "${twice}" twice`);
  return names;
}

/** `--flex` is one tier of OpenAI's synchronous API. */
function checkFlex(args: RunArgs): void {
  if (args.batchApi) throw new UsageError('--flex and --batch-api cannot be used together: flex is the synchronous path at batch prices; pick one');
  if ((args.endpoint ?? []).length > 0 || args.endpoints !== undefined)
    throw new UsageError('--flex cannot be used with --endpoint: flex is a tier of one OpenAI endpoint');
  if (args.provider !== undefined && args.provider !== 'openai' && args.provider !== 'sim') {
    throw new UsageError(`--flex is OpenAI's flex processing: use it with --provider openai (or sim to try it offline), not ${args.provider}`);
  }
}

/** A budget prices one provider's calls, and a batch is refused up front or not at all. */
function checkBudgetFlags(args: RunArgs): void {
  checkCostFlags(args);
  if (!hasLimit(budgetLimits(args))) return;
  if ((args.endpoint ?? []).length > 0 || args.endpoints !== undefined) {
    throw new UsageError('--max-cost and --max-total-tokens need one provider (its prices): leave out --endpoint');
  }
  if (args.batchApi && args.onBudget !== undefined) {
    throw new UsageError('--on-budget cannot be used with --batch-api: a batch cannot stop half-way, so one over the budget is not submitted');
  }
}

/** Checks flags against each other before anything is read or started; throws UsageError. */
export function checkRunArgs(args: RunArgs): void {
  if (args.n !== undefined && !(Number.isInteger(args.n) && args.n >= 1)) throw new UsageError(`--n must be an integer ≥ 1, got ${args.n}`);
  if (args.input !== undefined) {
    if (args.n !== undefined) throw new UsageError('--n and --input cannot be used together (the file says what to ask)');
    if ((args.prompt ?? []).length > 0) throw new UsageError('a prompt argument and --input cannot be used together');
  } else if (args.n === undefined) {
    throw new UsageError('--n is required: how many times to ask the prompt (or give --input prompts.jsonl)');
  }
  if (args.shard !== undefined) parseShard(args.shard);
  if (args.skipInvalid && args.input === undefined) throw new UsageError('--skip-invalid needs --input');
  const voting = args.vote || args.earlyStop || args.extract !== undefined || args.extractJson !== undefined;
  if (args.out === undefined) {
    if (args.resume) throw new UsageError('--resume needs --out FILE (the results file to finish)');
    if (!voting) throw new UsageError('--out FILE is required: where results stream, one JSON line per item (or use --vote to only tally)');
  }
  if (args.retryFailed && !args.resume) throw new UsageError('--retry-failed needs --resume');
  if (args.force && args.out === undefined) throw new UsageError('--force needs --out FILE (it lets swarm empty or mix that file)');
  if ((args.endpoint ?? []).length > 0 || args.endpoints !== undefined) {
    if (args.batchApi) throw new UsageError('--endpoint cannot be used with --batch-api (a batch goes to one provider)');
    if (args.provider !== undefined || args.baseUrl !== undefined)
      throw new UsageError('--endpoint names each URL itself: leave out --provider and --base-url');
    if (args.rpm !== undefined || args.tpm !== undefined)
      throw new UsageError('--rpm and --tpm pace one endpoint; with --endpoint each endpoint follows its own 429s and rate-limit headers');
  }
  if (args.batchApi) {
    if (args.out === undefined) throw new UsageError('--batch-api needs --out FILE (where the batch results are written)');
    if (args.provider === 'openrouter' || args.provider === 'ollama') {
      throw new UsageError(
        `--batch-api needs a provider with a batch API: --provider openai, anthropic or gemini (or sim to try it offline); ${args.provider} has none`,
      );
    }
    if (args.earlyStop) throw new UsageError('--early-stop cannot be used with --batch-api (a batch runs every request)');
  }
  if (args.flex) checkFlex(args);
  if (args.provider === 'anthropic' && args.temperature !== undefined && args.temperature > 1) {
    throw new UsageError(`--temperature for --provider anthropic is from 0 to 1, got ${args.temperature}`);
  }
  integer('batch-max-requests', args.batchMaxRequests, 1);
  positive('poll-ms', args.pollMs);
  if (args.extract !== undefined && args.extractJson !== undefined) throw new UsageError('use either --extract or --extract-json, not both');
  checkProviderFlags(args);
  checkBudgetFlags(args);
  integer('max-tokens', args.maxTokens, 1);
  positive('rpm', args.rpm);
  positive('tpm', args.tpm);
  if (args.temperature !== undefined && !(args.temperature >= 0 && args.temperature <= 2))
    throw new UsageError(`--temperature must be from 0 to 2, got ${args.temperature}`);
}
