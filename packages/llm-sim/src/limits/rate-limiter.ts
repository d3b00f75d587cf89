import { formatDuration } from './duration.js';
import { TokenBucket } from './token-bucket.js';

export type Admission =
  | { readonly ok: true; readonly headers: Record<string, string> | undefined }
  | {
      readonly ok: false;
      readonly headers: Record<string, string>;
      readonly kind: 'requests' | 'tokens';
      readonly message: string;
    };

/** The rpm/tpm limits of one server, with OpenAI's x-ratelimit-* headers. */
export class RateLimiter {
  readonly #requests: TokenBucket | undefined;
  readonly #tokens: TokenBucket | undefined;

  constructor(rpm: number, tpm: number) {
    const now = performance.now();
    this.#requests = rpm > 0 ? new TokenBucket(rpm, now) : undefined;
    this.#tokens = tpm > 0 ? new TokenBucket(tpm, now) : undefined;
  }

  get active(): boolean {
    return this.#requests !== undefined || this.#tokens !== undefined;
  }

  /** Takes one request and `cost` tokens, or says how long to wait; 429s take nothing. */
  admit(cost: number): Admission {
    const requests = this.#requests;
    const tokens = this.#tokens;
    if (!requests && !tokens) return { ok: true, headers: undefined };
    const now = performance.now();
    requests?.refill(now);
    tokens?.refill(now);
    const waitRequests = requests ? requests.waitMs(1) : 0;
    const waitTokens = tokens ? tokens.waitMs(cost) : 0;
    const wait = Math.max(waitRequests, waitTokens);
    if (wait === 0) {
      requests?.take(1);
      tokens?.take(cost);
      return { ok: true, headers: this.#headers() };
    }
    const headers = this.#headers();
    // Rounded up so that a retry after exactly this long is admitted.
    const waitMs = Math.ceil(wait);
    headers['retry-after-ms'] = String(waitMs);
    headers['retry-after'] = String(Math.ceil(waitMs / 1000));
    const kind = waitRequests >= waitTokens ? 'requests' : 'tokens';
    const bucket = kind === 'requests' ? requests! : tokens!;
    const tooLarge = kind === 'tokens' && cost > bucket.capacity;
    const message = tooLarge
      ? `Request too large for this simulator: limit ${bucket.capacity} tokens per minute, requested ${cost}.`
      : `Rate limit reached for ${kind} per minute: limit ${bucket.capacity}, requested ${kind === 'requests' ? 1 : cost}. Please try again in ` +
        `${formatDuration(waitMs)}.`;
    return { ok: false, headers, kind, message };
  }

  #headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    const requests = this.#requests;
    const tokens = this.#tokens;
    if (requests) {
      headers['x-ratelimit-limit-requests'] = String(requests.capacity);
      headers['x-ratelimit-remaining-requests'] = String(requests.remaining);
      headers['x-ratelimit-reset-requests'] = formatDuration(requests.resetMs);
    }
    if (tokens) {
      headers['x-ratelimit-limit-tokens'] = String(tokens.capacity);
      headers['x-ratelimit-remaining-tokens'] = String(tokens.remaining);
      headers['x-ratelimit-reset-tokens'] = formatDuration(tokens.resetMs);
    }
    return headers;
  }
}
