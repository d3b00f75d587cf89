#!/usr/bin/env node
// Fails when a source line is longer than MAX characters. Biome's linter has no line-length rule
// (only its formatter wraps, and running a formatter over the tree would rewrite every file), so
// this small check stands beside `biome lint` in `pnpm lint`. Files are the ones git tracks or
// would track, so dist/ and node_modules/ are skipped by the same .gitignore everyone uses.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 160;
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
const files = [...new Set(listed.split('\0'))].filter((file) => SOURCE.test(file)).sort();

let long = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') continue; // deleted in the working tree, not yet in the index
    throw error;
  }
  text.split('\n').forEach((line, index) => {
    const length = [...line].length;
    if (length <= MAX) return;
    long++;
    process.stdout.write(`${file}:${index + 1}: ${length} characters (at most ${MAX})\n`);
  });
}
process.stdout.write(`line length: ${long} lines over ${MAX} characters in ${files.length} files\n`);
process.exitCode = long === 0 ? 0 : 1;
