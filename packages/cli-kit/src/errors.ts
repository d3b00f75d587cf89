// The errors entry: no yargs, so libraries (and the hook tools' per-event paths) can throw a
// UsageError without loading the CLI frame.
export { USAGE, UsageError } from './usage-error.js';
export { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, codeOf, exitCodeFor, isExpected, type ExitCodeOptions } from './exit-codes.js';
