// Where the pinned Claude Code binary is. scripts/ensure-claude.mjs installs it (and
// `npm test` runs that first); CLAUDE_E2E_BIN points at another binary if you must.
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClaudeE2eError } from './errors.js';

/** The Claude Code version these tests pin (claude-code/package.json). */
export const PINNED_CLAUDE_VERSION = '2.1.197';

/** This package's directory (this file sits in src/ or dist/). */
export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const installDir = path.join(packageDir, 'claude-code');
// Without the wrapper's postinstall, bin/claude.exe stays a small stub; the native binary is ~245 MB.
const MIN_NATIVE_BYTES = 10 * 1024 * 1024;

function isNativeBinary(file: string): boolean {
  try {
    const stat = statSync(file);
    return stat.isFile() && stat.size >= MIN_NATIVE_BYTES && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The absolute path of the Claude Code binary; throws CLAUDE_NOT_INSTALLED with the fix when missing. */
export function claudeBinary(): string {
  const override = process.env.CLAUDE_E2E_BIN;
  if (override) {
    if (!isNativeBinary(override)) throw new ClaudeE2eError('CLAUDE_NOT_INSTALLED', `CLAUDE_E2E_BIN=${override} is not an executable Claude Code binary`);
    return override;
  }
  const candidates = [
    path.join(installDir, 'node_modules/.bin/claude'),
    path.join(installDir, 'node_modules/@anthropic-ai/claude-code-linux-x64/claude'),
  ];
  const found = candidates.find(isNativeBinary);
  if (found) return found;
  throw new ClaudeE2eError(
    'CLAUDE_NOT_INSTALLED',
    `Claude Code ${PINNED_CLAUDE_VERSION} is not installed in ${installDir}; run \`node scripts/ensure-claude.mjs\` in ${packageDir}`,
  );
}
