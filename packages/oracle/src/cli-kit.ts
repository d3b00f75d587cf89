export { createCli, runCli, KEYS_HELP, type CliSetup, type RunCliOptions } from './cli/create-cli.js';
export {
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  EXIT_OK,
  EXIT_USAGE,
  USAGE_CODES,
  UsageError,
  describeError,
  exitCodeFor,
  isExpected,
  type ExitCodeOptions,
} from './cli/cli-errors.js';
export { createOutput, type Output } from './cli/output.js';
export {
  checkProviderFlags,
  commonProviderOptions,
  simOptions,
  type ProviderFlagName,
  type ProviderFlags,
  type ProviderOptionsConfig,
} from './cli/provider-flags.js';
export { readPrompt, type ReadPromptOptions } from './cli/read-prompt.js';
export { startEarly } from './cli/start-early.js';
export { PROVIDER_NAMES, type ProviderName } from './provider-names.js';
export { redact, secretsFromEnv } from './redact.js';
