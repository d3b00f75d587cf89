export { createClient, type ClientOptions } from './client.js';
export { consult, type ConsultOptions, type ConsultReport, type ConsultResult } from './consult.js';
export { chatBody } from './transport/request-body.js';
export {
  ApiError,
  AuthError,
  ConnectionError,
  ModelNotFoundError,
  OracleError,
  PersonaFileError,
  RateLimitError,
  UnknownPersonaError,
  type ApiErrorInit,
  type OracleErrorCode,
  type RateLimitHeaders,
} from './errors.js';
export { personaMessages, type Attachment, type MessageOptions } from './messages.js';
export { findPersonas, listPersonas } from './personas/load-personas.js';
export { DEFAULT_PERSONA, type Persona, type PersonaSource } from './personas/persona.js';
export { BUILTIN_PERSONA_DIR, personaDirs, type PersonaDir, type PersonaSearchOptions } from './personas/persona-dirs.js';
export { PROVIDER_NAMES, type ProviderName } from './provider-names.js';
export { PROVIDERS, resolvedProvider, resolveProvider, type ResolvedProvider, type ResolveProviderOptions } from './providers.js';
export { createStreamRedactor, redact, secretsFromEnv, type StreamRedactor } from './redact.js';
export { escapeControl, type EscapeControlOptions } from './escape-control.js';
export { isRetryable } from './retryable.js';
// Prices, usage, estimates and budgets (also importable alone as `@fanout/oracle/cost`).
export * from './cost/index.js';
export type {
  CallOptions,
  ChatMessage,
  ChatRequest,
  ChatResult,
  ChatStream,
  JsonSchemaFormat,
  OracleClient,
  TransportName,
  Usage,
} from './types.js';
