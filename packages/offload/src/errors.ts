/**
 * Codes of the errors offload throws on purpose (oracle's own codes, such as `AUTH`, pass through):
 * - `E_USAGE`: an option or flag is wrong, or the question is empty (exit 2)
 * - `E_INPUT`: a path cannot be read, a glob matches nothing, or nothing readable is left (exit 2)
 * - `E_BAD_ANSWER`: a model's answer is not the JSON asked for
 * - `E_FAILED`: every map call failed, or the reduce did
 */
export type OffloadErrorCode = 'E_USAGE' | 'E_INPUT' | 'E_BAD_ANSWER' | 'E_FAILED';

/** Base class of every error offload throws on purpose; `code` is stable for scripts and tests. */
export class OffloadError extends Error {
  readonly code: OffloadErrorCode;

  constructor(code: OffloadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OffloadError';
    this.code = code;
  }
}
