/**
 * Codes of the errors offload throws on purpose (oracle's own codes, such as `AUTH`, pass through):
 * - `USAGE`: an option or flag is wrong, or the question is empty (exit 2)
 * - `E_INPUT`: a path cannot be read, a glob matches nothing, or nothing readable is left (exit 2)
 * - `E_BAD_ANSWER`: a model's answer is not the JSON asked for
 * - `E_FAILED`: every map call failed, or the reduce did
 * - `E_BUDGET`: `budget` stopped the run (what was read stays cached)
 */
export type OffloadErrorCode = 'USAGE' | 'E_INPUT' | 'E_BAD_ANSWER' | 'E_FAILED' | 'E_BUDGET';

/** Base class of every error offload throws on purpose; `code` is stable for scripts and tests. */
export class OffloadError extends Error {
  readonly code: OffloadErrorCode;

  constructor(code: OffloadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OffloadError';
    this.code = code;
  }
}

/** A spending limit stopped the run before its answer: what was read is cached, so a rerun continues. */
export class OffloadBudgetError extends OffloadError {
  /** The limit that stopped it. */
  readonly limit: 'max-cost' | 'max-total-tokens';
  /** What this run spent, in US dollars and tokens. */
  readonly spent: { readonly usd: number; readonly tokens: number };
  /** Chunks read (and cached) before the stop. */
  readonly read: number;
  /** True when chunks were left unread; false when only the answer was left to write. */
  readonly unread: boolean;

  constructor(limit: 'max-cost' | 'max-total-tokens', spent: { usd: number; tokens: number }, read: number, unread: boolean) {
    super('E_BUDGET', `stopped by --${limit} ${unread ? 'before every chunk was read' : 'before the answer was written'} (${read} chunks read and cached)`);
    this.name = 'OffloadBudgetError';
    this.limit = limit;
    this.spent = spent;
    this.read = read;
    this.unread = unread;
  }
}
