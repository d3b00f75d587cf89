#!/usr/bin/env node
// Makes sure the pinned Claude Code CLI is installed in claude-code/ (its own
// package.json + lockfile, outside the pnpm workspace: the native binary is
// ~245 MB and only these tests need it), then prints the binary's path.
// Runs `npm ci` only when no usable binary is there, so a warm run costs no more than a node start.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../claude-code');
// The wrapper's postinstall copies the native binary over bin/claude.exe (which
// .bin/claude links to); without it that file is a small stub, so size tells them apart.
const candidates = [
  path.join(dir, 'node_modules/.bin/claude'),
  path.join(dir, 'node_modules/@anthropic-ai/claude-code-linux-x64/claude'),
];
const MIN_NATIVE_BYTES = 10 * 1024 * 1024;

function findBinary() {
  for (const candidate of candidates) {
    try {
      const stat = statSync(candidate);
      if (stat.isFile() && stat.size >= MIN_NATIVE_BYTES && (stat.mode & 0o111) !== 0) return candidate;
    } catch {
      // not there: try the next one
    }
  }
  return undefined;
}

let binary = findBinary();
if (!binary) {
  process.stderr.write(`\u203a installing the pinned Claude Code CLI in ${dir} (npm ci)\n`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error || result.status !== 0) {
    process.stderr.write(`npm ci in ${dir} failed (${result.error?.message ?? `exit ${result.status}`})\n`);
    process.exit(1);
  }
  binary = findBinary();
  if (!binary) {
    process.stderr.write(`npm ci succeeded but no Claude Code binary was found at ${candidates.join(' or ')}\n`);
    process.exit(1);
  }
}
process.stdout.write(`${binary}\n`);
