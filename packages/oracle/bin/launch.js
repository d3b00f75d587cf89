// Starts a fanout CLI (oracle, council, swarm) from its bin: the esbuild bundle of its CLI
// (dist-bundle/, see oracle's scripts/bundle-cli.mjs) starts faster than the ~100 modules of the plain
// tsc output, which is loaded when the bundle was not built.
import { setFlagsFromString } from 'node:v8';

/** Runs the CLI of the package whose `bin/<name>.js` is at `binUrl` (its `import.meta.url`). */
export async function launch(binUrl) {
  // undici parses HTTP with llhttp, a WebAssembly module: V8 compiles it with Liftoff, then optimizes
  // it again on background threads, and Node waits for those before the process ends (~70 ms after
  // the last answer of every run here). Liftoff's code is fast enough for the headers a run parses.
  setFlagsFromString('--liftoff-only');

  const bundle = new URL('../dist-bundle/cli.js', binUrl);
  try {
    await import(bundle.href);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || error.url !== bundle.href) throw error;
    await import(new URL('../dist/cli.js', binUrl).href);
  }
}
