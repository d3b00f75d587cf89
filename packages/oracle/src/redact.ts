// Keys must never reach output. Everything user-visible passes through `redact` with the secrets in
// play, so even a server that echoes the key back (or a bug that prints a cause) cannot leak it.

const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret in `text` with `***`. Secrets shorter than 4 characters are ignored. */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) continue;
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  return out;
}

/** Values of environment variables whose name looks like a credential (`*_API_KEY`, `*_TOKEN`, `*_SECRET`). */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value && /(?:API_KEY|_TOKEN|_SECRET|_PASSWORD)$/i.test(name)) out.push(value);
  }
  return out;
}

/** Redacts text that arrives in pieces (a streamed answer), where a secret may be split between two pieces. */
export interface StreamRedactor {
  /** Takes the next piece; returns what can be shown now. */
  push(piece: string): string;
  /** Returns what is still held back (at the end of the stream). */
  end(): string;
}

/**
 * Holds back only the shortest tail that could still grow into a secret (a proper prefix of one),
 * so ordinary text is shown as it arrives and a key split across pieces is never shown in parts.
 */
export function createStreamRedactor(secrets: Iterable<string | undefined>): StreamRedactor {
  const known = [...secrets].filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH);
  const longest = known.reduce((max, s) => Math.max(max, s.length), 0);
  let held = '';
  return {
    push(piece) {
      const text = redact(held + piece, known);
      // A tail of `text` that starts some secret: keep it until the next piece says more.
      let keep = 0;
      for (let len = Math.min(longest - 1, text.length); len > 0 && keep === 0; len--) {
        const tail = text.slice(text.length - len);
        if (known.some((s) => s.startsWith(tail))) keep = len;
      }
      held = text.slice(text.length - keep);
      return text.slice(0, text.length - keep);
    },
    end() {
      const rest = held;
      held = '';
      return rest;
    },
  };
}
