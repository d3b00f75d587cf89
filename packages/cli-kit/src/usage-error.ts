/** The one code of a usage error in every fanout package (a library's bad option, a CLI's bad flag). */
export const USAGE = 'USAGE';

/** A mistake in how a command or function was called: shown as one line, never with a stack. */
export class UsageError extends Error {
  readonly code = USAGE;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
