// bin/launch.js in real processes: a bin with the launcher's shebang, run as a user runs it.
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LAUNCH = pathToFileURL(fileURLToPath(new URL('../bin/launch.js', import.meta.url))).href;

/** A package with bin/tool.js (the launcher's shebang), dist/cli.js and, when asked, dist-bundle/cli.js. */
function toolPackage(bundle?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-kit-launch-'));
  for (const sub of ['bin', 'dist', 'dist-bundle']) mkdirSync(path.join(dir, sub));
  const bin = path.join(dir, 'bin/tool.js');
  writeFileSync(bin, `#!/usr/bin/env -S node --liftoff-only\nimport { launch } from ${JSON.stringify(LAUNCH)};\n\nawait launch(import.meta.url);\n`);
  chmodSync(bin, 0o755);
  writeFileSync(path.join(dir, 'dist/cli.js'), "process.stdout.write('dist ' + process.execArgv.join(' '));\n");
  if (bundle !== undefined) writeFileSync(path.join(dir, 'dist-bundle/cli.js'), bundle);
  return bin;
}

describe('launch', () => {
  test('runs the bundle, with --liftoff-only from the shebang (V8 flags at start-up, not after)', async () => {
    const bin = toolPackage("process.stdout.write('bundle ' + process.execArgv.join(' '));\n");
    expect((await run(bin, [])).stdout).toBe('bundle --liftoff-only');
  });

  test('falls back to the tsc output when no bundle was built', async () => {
    expect((await run(toolPackage(), [])).stdout).toBe('dist --liftoff-only');
  });

  test('a bundle that fails to load a module of its own is not mistaken for a missing bundle', async () => {
    const bin = toolPackage("import './missing-chunk.js';\n");
    await expect(run(bin, [])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/missing-chunk\.js/) });
  });
});
