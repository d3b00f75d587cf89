#!/usr/bin/env node
// `fanout-bundle-cli`: run by a CLI package's build (oracle, council, swarm, offload, fanout-mcp) in
// its own directory, after `tsc`. Bundles dist/cli.js into dist-bundle/ beside dist/, which the bin
// loads through `@fanout/cli-kit/launch`. On Node 20 every ES module costs start-up time (resolution,
// realpath, read, compile), and a CLI run loads ~150 of them (yargs, undici's Agent, oracle,
// parallel-core); a handful of files start sooner. The command modules stay lazy chunks
// (`splitting`), and dist-bundle/ sits at the package root so `new URL('../package.json',
// import.meta.url)` still finds the package's own package.json.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
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

// string-width (yargs' help layout; two versions) builds an Intl.Segmenter and Unicode-property
// regexps as it loads, a share of every CLI start, for text that is measured only when help or a
// usage error is printed. Its importers get a stub that require()s
// it on the first call, which esbuild turns into a lazily initialised module.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async ({ path, importer, resolveDir, kind, pluginData }) => {
      if (pluginData?.real) return undefined; // the lookup below: esbuild's own resolution
      const real = await b.resolve(path, { importer, resolveDir, kind, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, ({ path }) => ({
      contents: `let real;\nexport default function stringWidth(...args) {\n  real ??= require(${JSON.stringify(path)}).default;\n  return real(...args);\n}\n`,
      resolveDir: dirname(path),
      loader: 'js',
    }));
  },
};

const root = process.cwd();
rmSync(`${root}/dist-bundle`, { recursive: true, force: true });

// A package may add esbuild plugins of its own: the default export of its scripts/bundle-plugins.mjs.
const ownPluginsFile = `${root}/scripts/bundle-plugins.mjs`;
const ownPlugins = existsSync(ownPluginsFile) ? (await import(pathToFileURL(ownPluginsFile).href)).default : [];

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
  plugins: [yargsLocales, lazyStringWidth, ...ownPlugins],
  legalComments: 'none',
  logLevel: 'warning',
});
