// The flags every fanout CLI takes to reach a model, their checks, and what they tell llm-sim.
// Only types are imported beside the provider names: this module is on the path of `--help`.
import type { SimOptions } from '@fanout/llm-sim';
import type { Argv, Options } from 'yargs';
import { PROVIDER_NAMES } from '../provider-names.js';
import { UsageError } from '@fanout/cli-kit/errors';

/** The common flags as yargs hands them over (camel-cased). */
export interface ProviderFlags {
  readonly provider?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly model?: string | undefined;
  readonly concurrency?: number | undefined;
  readonly timeout?: number | undefined;
  readonly retries?: number | undefined;
  readonly json?: boolean | undefined;
  readonly simLatencyMs?: number | undefined;
  readonly simRules?: string | undefined;
  readonly simErrorRate?: number | undefined;
  readonly simRpm?: number | undefined;
}

export type ProviderFlagName =
  | 'provider'
  | 'base-url'
  | 'model'
  | 'concurrency'
  | 'timeout'
  | 'retries'
  | 'json'
  | 'sim-latency-ms'
  | 'sim-rules'
  | 'sim-error-rate'
  | 'sim-rpm';

export interface ProviderOptionsConfig {
  /** Also `--sim-error-rate` and `--sim-rpm` (llm-sim's fault injection). @default false */
  readonly extraSim?: boolean | undefined;
  /** Help group of `--provider`, `--base-url`, `--model` and the sim flags, e.g. `Provider:`. @default none */
  readonly group?: string | undefined;
  /** Per flag, what this CLI says differently: its own description, a default, an alias, a group. */
  readonly override?: Partial<Record<ProviderFlagName, Options>> | undefined;
}

const SIM = 'With --provider sim:';

/** Said under every LLM tool's help (createCli's `epilog`). */
export const KEYS_HELP =
  'Keys come from the environment: OPENAI_API_KEY, OPENROUTER_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (ollama and sim need none).';

/**
 * oracle's limit on silence when `--timeout` is not given: seconds an attempt may go with nothing
 * arriving. Long enough for a slow model to start (or to finish an answer it does not stream), short
 * enough that a server that never answers fails within minutes, not after the transport's ten-minute
 * safety net per attempt.
 */
export const DEFAULT_TIMEOUT_S = 120;

/** Adds `--provider --base-url --model --concurrency --timeout --retries --json` and the `--sim-*` flags to `y`. */
export function commonProviderOptions<T>(y: Argv<T>, config: ProviderOptionsConfig = {}): Argv<T & ProviderFlags> {
  const group: Options = config.group === undefined ? {} : { group: config.group };
  const flags: [ProviderFlagName, Options][] = [
    ['provider', { choices: PROVIDER_NAMES, ...group, describe: 'Where to send requests [default: openai when OPENAI_API_KEY is set]' }],
    ['base-url', { type: 'string', ...group, describe: 'OpenAI-compatible base URL (env OPENAI_BASE_URL)' }],
    ['model', { type: 'string', ...group, describe: 'Model for every persona (env FANOUT_MODEL is the default)' }],
    ['concurrency', { type: 'number', describe: 'Requests at once' }],
    ['timeout', { type: 'number', describe: 'Seconds per attempt' }],
    ['retries', { type: 'number', describe: 'Retries on 429/5xx/dropped connections' }],
    ['json', { type: 'boolean', describe: 'Machine-readable output on stdout' }],
    ['sim-latency-ms', { type: 'number', ...group, describe: `${SIM} answer latency in ms` }],
    ['sim-rules', { type: 'string', ...group, describe: `${SIM} JSON rules file scripting answers` }],
  ];
  if (config.extraSim) {
    flags.push(
      ['sim-error-rate', { type: 'number', ...group, describe: `${SIM} fraction of requests answered 500` }],
      ['sim-rpm', { type: 'number', ...group, describe: `${SIM} requests per minute before 429s` }],
    );
  }
  let out: Argv<unknown> = y;
  for (const [name, option] of flags) out = out.option(name, { ...option, ...config.override?.[name] });
  return out as Argv<T & ProviderFlags>;
}

const isInteger = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;

/** Checks the common flags before anything is read or started; throws UsageError naming the flag. */
export function checkProviderFlags(flags: ProviderFlags): void {
  const { concurrency, timeout, retries, simLatencyMs, simErrorRate, simRpm } = flags;
  if (concurrency !== undefined && !isInteger(concurrency, 1)) throw new UsageError(`--concurrency must be an integer ≥ 1, got ${concurrency}`);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, got ${timeout}`);
  if (retries !== undefined && !isInteger(retries, 0)) throw new UsageError(`--retries must be an integer ≥ 0, got ${retries}`);
  if (simLatencyMs !== undefined && !(simLatencyMs >= 0)) throw new UsageError(`--sim-latency-ms must be ≥ 0, got ${simLatencyMs}`);
  if (flags.provider !== 'sim') {
    if (simLatencyMs !== undefined || flags.simRules !== undefined) throw new UsageError('--sim-latency-ms and --sim-rules need --provider sim');
    if (simErrorRate !== undefined) throw new UsageError('--sim-error-rate needs --provider sim');
    if (simRpm !== undefined) throw new UsageError('--sim-rpm needs --provider sim');
  }
  if (simErrorRate !== undefined && !(simErrorRate >= 0 && simErrorRate <= 1))
    throw new UsageError(`--sim-error-rate must be from 0 to 1, got ${simErrorRate}`);
  if (simRpm !== undefined && !isInteger(simRpm, 0)) throw new UsageError(`--sim-rpm must be an integer ≥ 0, got ${simRpm}`);
}

/** What the `--sim-*` flags ask of the llm-sim that `--provider sim` starts in-process (`createClient({ sim })`). */
export function simOptions(flags: ProviderFlags): SimOptions {
  return {
    ...(flags.simLatencyMs !== undefined ? { latencyMs: flags.simLatencyMs } : {}),
    ...(flags.simRules ? { rules: flags.simRules } : {}),
    ...(flags.simErrorRate !== undefined ? { errorRate: flags.simErrorRate } : {}),
    ...(flags.simRpm !== undefined ? { rpm: flags.simRpm } : {}),
  };
}
