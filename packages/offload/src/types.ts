import type { BudgetLimits, ClientOptions, OracleClient, PriceTable } from '@fanout/oracle';

/** What to read and how; everything but `question` has a default. */
export interface OffloadOptions {
  /** What the readers look for. Must not be empty. */
  readonly question: string;
  /** Files, directories and globs (`src/**\/*.ts`), relative to `cwd`. Directories are read git-aware. */
  readonly paths?: readonly string[];
  /** Text read as one more file, named `<stdin>` (e.g. a diff). */
  readonly stdin?: string;
  /** Tokens the answer may take. @default 800 */
  readonly budget?: number;
  /** `openai`, `openrouter`, `ollama`, `anthropic`, `gemini` or `sim`; see oracle's providers. */
  readonly provider?: string;
  /** Default model for both phases (env FANOUT_MODEL, else the provider's default). */
  readonly model?: string;
  /** Model of the readers (map); a cheap one. @default `model` */
  readonly mapModel?: string;
  /** Model that writes the answer (reduce). @default `model` */
  readonly reduceModel?: string;
  /** An OpenAI-compatible base URL. */
  readonly baseUrl?: string;
  /** An oracle client to use instead of making one (it is not closed). */
  readonly client?: OracleClient;
  /** Options of the llm-sim started in-process for provider `sim` (e.g. `{ fabricateRate: 0.2 }`). */
  readonly sim?: ClientOptions['sim'];
  /** Reader calls at once; halved on 429s and regrown. @default 50 */
  readonly concurrency?: number;
  /** Retries per call on 429/5xx/dropped connections/timeouts. @default 5 */
  readonly retries?: number;
  /** Per-attempt time limit in ms. */
  readonly timeoutMs?: number;
  /** Requests per minute to stay under (besides what `x-ratelimit-*` headers say). */
  readonly rpm?: number;
  /** Tokens per minute to stay under (prompt estimate + answer limit per call). */
  readonly tpm?: number;
  /** Paths are resolved against this directory. @default process.cwd() */
  readonly cwd?: string;
  /** Also read files git does not track (still honouring .gitignore). @default false */
  readonly includeUntracked?: boolean;
  /** Files larger than this are skipped. @default 1_048_576 (1 MiB) */
  readonly maxFileBytes?: number;
  /** Most tokens of file text one reader call gets. @default 6000 */
  readonly chunkTokens?: number;
  /** Keep findings whose quote is not in the cited lines (marked `verified: false`). @default false */
  readonly keepUnverified?: boolean;
  /** Where map results are cached; `false` for no cache. @default $XDG_CACHE_HOME/fanout/offload or ~/.cache/fanout/offload */
  readonly cacheDir?: string | false;
  /** Price of every model in US dollars per million tokens, instead of the price table's. */
  readonly price?: { readonly input: number; readonly output: number };
  /** The price table. @default oracle's `loadPrices({ cwd })` (shipped prices, ~/.config/fanout and .fanout/prices.json) */
  readonly prices?: PriceTable;
  /** Expected tokens of one reader's answer, for estimates and budgets. @default 300 */
  readonly expectOutputTokens?: number;
  /**
   * Spending limits: a reader call starts only while it cannot cross one (expected at its prompt plus
   * `expectOutputTokens`, or the readers' mean answer once some are in), and the reduce only when it
   * fits what is left. A stop throws an OffloadBudgetError (`E_BUDGET`); what was read stays cached.
   */
  readonly limits?: BudgetLimits;
  /** Cancels the run: calls in flight are aborted; what was read stays cached. */
  readonly signal?: AbortSignal;
  /** Told after every reader call. */
  readonly onProgress?: (progress: { done: number; total: number }) => void;
}

/** A claim a reader made, with the lines it cites. */
export interface Finding {
  readonly claim: string;
  readonly file: string;
  readonly line_start: number;
  readonly line_end: number;
  readonly quote: string;
  /** True when `quote` appears verbatim within `line_start..line_end` of `file`, lines its reader was shown. */
  readonly verified: boolean;
  /** The reader's confidence in its chunk (0..1). */
  readonly confidence: number;
}

/** Findings that disagree, and the one the answer follows (the most confident). */
export interface Conflict {
  readonly issue: string;
  /** 1-based numbers of the findings involved (as cited in the answer: `[n]`). */
  readonly findings: readonly number[];
  /** The finding the answer follows. */
  readonly chosen: number;
}

export interface SkippedFile {
  readonly path: string;
  /** e.g. `binary`, `too large (100 MB > 1 MB, maxFileBytes)`, `unreadable (EACCES)`. */
  readonly reason: string;
}

export interface OffloadStats {
  /** Files read. */
  readonly files: number;
  readonly files_skipped: number;
  readonly chunks: number;
  /** Model calls made in this run: readers plus reduce. */
  readonly calls: number;
  readonly map_calls: number;
  readonly reduce_calls: number;
  /** Rounds of reduce calls, one after another (1 when the findings fit one call; 0 with no findings). */
  readonly reduce_levels: number;
  /** Chunks whose findings came from the cache. */
  readonly cache_hits: number;
  /** Reader calls that failed after their retries (their chunks are missing from the answer). */
  readonly failed_chunks: number;
  /** Tokens of the corpus: what the main context would have read. */
  readonly tokens_read: number;
  /** Tokens of what the caller receives: the answer with its sources. */
  readonly tokens_answer: number;
  /** Findings whose quote was not found in the cited lines, left out of the answer. */
  readonly unverified_dropped: number;
  /** Tokens sent and received by this run's calls, as the server reported them (`cached_tokens`: from its prompt cache). */
  readonly usage: { readonly prompt_tokens: number; readonly completion_tokens: number; readonly cached_tokens: number };
  /** Cost in US dollars of this run's calls at the price table's prices; null when a model's price is unknown. */
  readonly cost_usd: number | null;
  /** Cached prompt tokens over prompt tokens. */
  readonly cache_hit_share: number;
  readonly wall_ms: number;
}

export interface OffloadResult {
  /** The answer; `[n]` cites `findings[n - 1]`. */
  readonly answer: string;
  readonly findings: readonly Finding[];
  readonly conflicts: readonly Conflict[];
  readonly skipped: readonly SkippedFile[];
  readonly stats: OffloadStats;
  /** Things that did not stop the run but deserve a line (a cache that cannot be written, failed chunks…). */
  readonly warnings: readonly string[];
}
