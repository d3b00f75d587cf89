import { UsageError } from '@fanout/cli-kit/errors';
import { checkProviderFlags, type ProviderFlags } from '@fanout/oracle/llm-cli';
import { checkCostFlags, type CostFlags } from '@fanout/oracle/cost';

/** The flags of `offload [question] [paths..]`, as yargs hands them over. */
export interface OffloadArgs extends ProviderFlags, CostFlags {
  readonly question?: string | number | undefined;
  readonly paths?: readonly (string | number)[] | undefined;
  readonly mapModel?: string | undefined;
  readonly reduceModel?: string | undefined;
  readonly simFabricateRate?: number | undefined;
  readonly chunkTokens?: number | undefined;
  readonly includeUntracked?: boolean | undefined;
  readonly maxFileKb?: number | undefined;
  readonly cacheDir?: string | undefined;
  readonly cache?: boolean | undefined;
  readonly dryRun?: boolean | undefined;
  readonly budget?: number | undefined;
  readonly keepUnverified?: boolean | undefined;
  readonly price?: string | undefined;
  readonly rpm?: number | undefined;
  readonly tpm?: number | undefined;
}

function integer(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${value}`);
}

function positive(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new UsageError(`--${name} must be a number > 0, got ${value}`);
}

/** `--price 0.15,0.6` as dollars per million input and output tokens. */
export function parsePrice(flag: string | undefined): { input: number; output: number } | undefined {
  if (flag === undefined) return undefined;
  const parts = flag.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((p) => !(Number.isFinite(p) && p >= 0))) {
    throw new UsageError(`--price must be IN,OUT in dollars per million tokens, e.g. 0.15,0.6; got "${flag}"`);
  }
  return { input: parts[0]!, output: parts[1]! };
}

/** Checks flags against each other before anything is read or started; throws UsageError naming the flag. */
export function checkArgs(args: OffloadArgs): void {
  checkProviderFlags(args);
  checkCostFlags(args);
  if (args.simFabricateRate !== undefined) {
    if (args.provider !== 'sim') throw new UsageError('--sim-fabricate-rate needs --provider sim');
    if (!(args.simFabricateRate >= 0 && args.simFabricateRate <= 1))
      throw new UsageError(`--sim-fabricate-rate must be from 0 to 1, got ${args.simFabricateRate}`);
  }
  integer('chunk-tokens', args.chunkTokens, 100);
  integer('budget', args.budget, 16);
  positive('max-file-kb', args.maxFileKb);
  positive('rpm', args.rpm);
  positive('tpm', args.tpm);
  if (args.cacheDir !== undefined && args.cache === false) throw new UsageError('use either --cache-dir or --no-cache, not both');
  parsePrice(args.price);
}
