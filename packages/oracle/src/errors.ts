// One error hierarchy for the package. Every error has a stable string `code`; messages never
// contain an API key (they are built from what we know, and server text goes through `redact`).

export type OracleErrorCode =
  | 'NO_CREDENTIALS'
  | 'UNKNOWN_PROVIDER'
  | 'USAGE'
  | 'API_ERROR'
  | 'AUTH'
  | 'RATE_LIMITED'
  | 'UNKNOWN_MODEL'
  | 'CONNECTION'
  | 'BAD_RESPONSE'
  | 'STREAM_INTERRUPTED'
  | 'UNKNOWN_PERSONA'
  | 'PERSONA_INVALID';

/** Base class of every error thrown by @fanout/oracle. */
export class OracleError extends Error {
  readonly code: OracleErrorCode;
  constructor(code: OracleErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OracleError';
    this.code = code;
  }
}

/** Header names worth keeping on an error or result: what retry and rate-limit policies read. */
export type RateLimitHeaders = Readonly<Record<string, string>>;

export interface ApiErrorInit {
  status: number;
  provider: string;
  url: string;
  headers: RateLimitHeaders;
  /** The provider's own error `code`/`type`, e.g. `model_not_found`. */
  apiCode?: string | undefined;
  cause?: unknown;
}

/** The server answered with a non-2xx status. `headers` keeps retry-after-ms / retry-after / x-ratelimit-*. */
export class ApiError extends OracleError {
  readonly status: number;
  readonly provider: string;
  readonly url: string;
  readonly headers: RateLimitHeaders;
  readonly apiCode: string | undefined;
  constructor(message: string, init: ApiErrorInit, code: OracleErrorCode = 'API_ERROR') {
    super(code, message, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.provider = init.provider;
    this.url = init.url;
    this.headers = init.headers;
    this.apiCode = init.apiCode;
  }
}

/** 401/403: the key was missing or rejected. Names the environment variable that was read. */
export class AuthError extends ApiError {
  readonly keyVar: string | undefined;
  constructor(message: string, init: ApiErrorInit & { keyVar?: string | undefined }) {
    super(message, init, 'AUTH');
    this.name = 'AuthError';
    this.keyVar = init.keyVar;
  }
}

/** 429. `retryAfterMs` is what the server asked for, when it said. */
export class RateLimitError extends ApiError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: ApiErrorInit & { retryAfterMs?: number | undefined }) {
    super(message, init, 'RATE_LIMITED');
    this.name = 'RateLimitError';
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The model does not exist on this provider; `available` is what `/models` offers (when it could be read). */
export class ModelNotFoundError extends ApiError {
  readonly model: string;
  readonly available: readonly string[] | undefined;
  constructor(message: string, init: ApiErrorInit & { model: string; available?: readonly string[] | undefined }) {
    super(message, init, 'UNKNOWN_MODEL');
    this.name = 'ModelNotFoundError';
    this.model = init.model;
    this.available = init.available;
  }
}

/** The server could not be reached or dropped the connection. `errno` is e.g. `ECONNREFUSED`. */
export class ConnectionError extends OracleError {
  readonly url: string;
  readonly errno: string | undefined;
  constructor(message: string, init: { url: string; errno?: string | undefined; cause?: unknown }) {
    super('CONNECTION', message, { cause: init.cause });
    this.name = 'ConnectionError';
    this.url = init.url;
    this.errno = init.errno;
  }
}

/** A persona name that no search location defines. `known` lists the names that exist. */
export class UnknownPersonaError extends OracleError {
  readonly persona: string;
  readonly known: readonly string[];
  constructor(persona: string, known: readonly string[]) {
    super('UNKNOWN_PERSONA', `unknown persona "${persona}"; known: ${known.join(', ')}`);
    this.name = 'UnknownPersonaError';
    this.persona = persona;
    this.known = known;
  }
}

/** A persona file that cannot be read: bad front matter or field types. Names the file (and line). */
export class PersonaFileError extends OracleError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, reason: string, options?: { cause?: unknown }) {
    super('PERSONA_INVALID', `${file}${line === undefined ? '' : `:${line}`}: ${reason}`, options);
    this.name = 'PersonaFileError';
    this.file = file;
    this.line = line;
  }
}
