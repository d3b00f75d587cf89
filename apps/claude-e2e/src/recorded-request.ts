import type { IncomingHttpHeaders } from 'node:http';

/** One request the fake Anthropic API received, in arrival order. */
export interface RecordedRequest {
  readonly method: string;
  /** Path with query, e.g. `/v1/messages?beta=true`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw request body. */
  readonly raw: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
  /** For `POST /v1/messages`: the index of the scripted turn that answered it. */
  readonly turn?: number;
  /** `performance.now()` when the whole body had arrived (time a prompt from its stdin write to here). */
  readonly receivedAt?: number;
}
