// What the LLM tools' CLIs (oracle, council, swarm, offload) share beside cli-kit's frame: the
// provider flags, where keys come from, prompts from arguments and stdin, and how errors are told.
export { USAGE_CODES, describeError, llmRunOptions } from './cli/cli-errors.js';
export { createOutput, type Output } from './cli/output.js';
export {
  DEFAULT_TIMEOUT_S,
  KEYS_HELP,
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
