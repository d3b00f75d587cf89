// Run from a CLI package's directory (oracle, council, swarm) after `tsc`: bundles dist/cli.js into
// dist-bundle/ beside dist/. On Node 20 every ES module costs start-up time (resolution, realpath,
// read, compile), and a CLI run loads ~150 of them (yargs, undici's Agent, oracle, parallel-core);
// a handful of files start ~100 ms sooner. The command modules stay lazy chunks (`splitting`), and
// dist-bundle/ sits at the package root so `new URL('../package.json', import.meta.url)` still
// finds the package's own package.json.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// yargs finds its translations (`--help` under LANG=de…) from its own module's URL, which in a
// bundle is dist-bundle/: point it at the yargs package the CLI depends on instead.
const LOCALES = "resolve(__dirname, '../../../locales')";
const yargsLocales = {
  name: 'yargs-locales',
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(LOCALES)) throw new Error(`bundle-cli: yargs no longer says ${LOCALES} in ${path}`);
      return { contents: source.replace(LOCALES, "resolve(require.resolve('yargs/package.json'), '../locales')"), loader: 'js' };
    });
  },
};

const root = process.cwd();
rmSync(`${root}/dist-bundle`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli.js' },
  outdir: 'dist-bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // undici is CommonJS: its require() calls of node builtins need a real require.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // Loaded lazily from their own packages: the simulator only with --provider sim, the SDK only with
  // --transport sdk or the Batch API, ora only on a TTY.
  external: ['openai', 'ora', '@fanout/llm-sim'],
  plugins: [yargsLocales],
  legalComments: 'none',
  logLevel: 'warning',
});
