// The figures the "time saved" estimate of imported runs stands on, all from one place: the
// claude-native rows of BENCHMARKS.md ("21 sleep | python3 | node UserPromptSubmit hooks per prompt
// in the real CLI, `serve` | `run`": added latency per prompt over no hooks, medians of 9 prompts,
// 2 cores). Everything below is derived from those nine numbers; re-run `pnpm bench --only
// claude-native` and copy its figures here when the executor changes.

/** The executor setups the estimate can assume. */
export type EstimateMode = 'forward' | 'http';

/** The claude-native rows: added latency per prompt (ms) of 21 hooks of each kind. */
const BENCH = {
  hooks: 21,
  cores: 2,
  /** "Claude Code running them itself (native)". */
  native: { sleep: 171, python: 742, node: 1285 },
  /** `run` as `install --mode auto` registers it: the launcher, forwarding to the warm server. */
  forward: { sleep: 224, python: 325, node: 425 },
  /** `serve` behind an http hook. */
  http: { sleep: 188, python: 291, node: 405 },
} as const;

export interface EstimateModel {
  readonly mode: EstimateMode;
  /** What the executor adds per event over Claude Code's own runner when it has nothing to pre-start (the sleep rows). */
  readonly overheadMs: number;
  /** Time off the event's path per hook that runs in a pre-started interpreter instead of being spawned cold. */
  readonly startupMs: { readonly python: number; readonly node: number };
  /** Cores the hooks share (start-ups beyond one per core wait for each other). */
  readonly cores: number;
}

/**
 * With n hooks on c cores (n > c) each hook also waits for a core's share of the others' start-ups,
 * so 21 pre-started hooks save startup × (1 + 20 / 2) on the bench machine: solve for the start-up.
 */
function startupOf(kind: 'python' | 'node', mode: EstimateMode, overheadMs: number): number {
  const saved = BENCH.native[kind] - BENCH[mode][kind] + overheadMs;
  return saved / (1 + (BENCH.hooks - 1) / BENCH.cores);
}

/** The model for `mode`, on a machine with `cores` cores. */
export function estimateModel(mode: EstimateMode = 'forward', cores: number = BENCH.cores): EstimateModel {
  const overheadMs = BENCH[mode].sleep - BENCH.native.sleep;
  return {
    mode,
    overheadMs,
    startupMs: { python: startupOf('python', mode, overheadMs), node: startupOf('node', mode, overheadMs) },
    cores: Math.max(1, cores),
  };
}

/** The cores the bench measured on: the start-up figures are that machine's. */
export const BENCH_CORES = BENCH.cores;
