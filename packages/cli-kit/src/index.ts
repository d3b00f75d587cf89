export { USAGE, UsageError } from './usage-error.js';
export { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, codeOf, exitCodeFor, isExpected, type ExitCodeOptions } from './exit-codes.js';
export { createCli, describeError, finishCli, runCli, type CliSetup, type FrameOptions, type RunCliOptions } from './frame.js';
