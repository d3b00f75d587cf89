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
