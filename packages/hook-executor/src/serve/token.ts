// The per-install secret every request to `serve` must carry (`Authorization: Bearer <token>`).
// Generated once (32 random bytes), stored 0600 in a 0700 directory, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const TOKEN = /^[A-Za-z0-9_-]{32,}$/;

/** The token in `file`, or undefined when there is none (or it is not one of ours). */
export function readToken(file: string): string | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return TOKEN.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The token in `file`, created first if missing (exclusive create: concurrent callers agree on one). */
export function ensureToken(file: string): string {
  const existing = readToken(file);
  if (existing) {
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) fs.chmodSync(file, 0o600); // someone loosened it: a secret stays the owner's
    return existing;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, `${token}\n`, { flag: 'wx', mode: 0o600 });
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = readToken(file);
    if (raced) return raced;
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 }); // an empty or foreign file: replace it
    return token;
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * A check of the `Authorization` header against `Bearer <token>`. Both sides are hashed first, so
 * the comparison takes the same time whatever the header's length or content.
 */
export function authorizationCheck(token: string): (header: string | undefined) => boolean {
  const expected = digest(`Bearer ${token}`);
  return (header) => timingSafeEqual(digest(header ?? ''), expected);
}
