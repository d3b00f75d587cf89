// Tests that spawn bin/hook-executor.js need dist/ and its bundled lean entry points (and the
// dist of the workspace packages it imports at run time). Build them once before any test file
// runs, so that a test file run alone works.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function globalSetup() {
  const here = path.resolve(import.meta.dirname, '..');
  const tsc = path.resolve(here, '../../node_modules/typescript/bin/tsc');
  const tscCommand = existsSync(tsc) ? [process.execPath, tsc] : ['npx', 'tsc'];
  for (const dep of ['parallel-core', 'hook-monitor']) {
    const dir = path.resolve(here, '..', dep);
    if (!existsSync(path.join(dir, 'dist', 'index.js'))) {
      execFileSync(tscCommand[0], [...tscCommand.slice(1), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
    }
  }
  execFileSync(tscCommand[0], [...tscCommand.slice(1), '-p', 'tsconfig.build.json'], { cwd: here, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle-lean.mjs'], { cwd: here, stdio: 'inherit' }); // the bin's lean entry points
}
