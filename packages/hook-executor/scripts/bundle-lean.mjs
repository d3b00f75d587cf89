// `run` and `guard` execute on every Claude Code event, and on Node 20 every ES module costs
// start-up time (resolution, realpath, read, compile), module by module. After `tsc`, this bundles
// the two lean entry points, with the workspace code they use (hook-monitor's writer,
// parallel-core's scheduler), into dist/lean/<name>/: a few files instead of ~40 modules. What only
// a run with hooks needs stays in lazily loaded chunks, so an event without hooks loads only its part.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
rmSync(path.join(root, 'dist/lean'), { recursive: true, force: true });

// One build per entry point: chunks shared between `run` and `guard` would add modules to both.
for (const name of ['run', 'guard']) {
  await build({
    absWorkingDir: root,
    entryPoints: { [name]: `dist/${name}/main.js` },
    outdir: `dist/lean/${name}`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Never on these paths (parallel-core's progress display imports ora lazily; it is not used here).
    external: ['yargs', 'ora', 'openai', 'undici'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}
