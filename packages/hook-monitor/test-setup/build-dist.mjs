// jest globalSetup: tests spawn real processes that run the built package (bin/, dist/), so make
// sure dist/ is current. Builds only when a source file is newer than its output, so a fresh
// build (CI builds before testing) is not redone, and other packages reading dist/ are not disturbed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function stale() {
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  for (const file of walk(path.join(root, 'src'))) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.includes(`${path.sep}test-helpers${path.sep}`)) continue;
    const out = path.join(root, 'dist', path.relative(path.join(root, 'src'), file).replace(/\.ts$/, '.js'));
    if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs) return true;
  }
  return false;
}

export default function buildDist() {
  if (!stale()) return;
  const tsc = path.resolve(root, '../../node_modules/.bin/tsc');
  execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
