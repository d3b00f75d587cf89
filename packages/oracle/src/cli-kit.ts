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
  DEFAULT_TIMEOUT_S,
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
export { createStreamRedactor, redact, secretsFromEnv, type StreamRedactor } from './redact.js';
export { escapeControl, type EscapeControlOptions } from './escape-control.js';
