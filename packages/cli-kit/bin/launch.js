// Starts a fanout CLI (oracle, council, swarm, offload, fanout-mcp) from its bin: the esbuild bundle
// of its CLI (dist-bundle/, see bundle-cli.mjs) starts faster than the ~100 modules of the plain tsc
// output, which is loaded when the bundle was not built.
//
// The bins start node with --liftoff-only in their shebang (`#!/usr/bin/env -S node --liftoff-only`;
// npm's and pnpm's shims pass it on too): undici parses HTTP with llhttp, a WebAssembly module that
// V8 compiles with Liftoff and then optimizes again on background threads, and Node waits for those
// before the process ends. Liftoff's code is fast enough for the headers a run parses. V8 flags
// belong on the command line: Node documents changing them after start-up as undefined behaviour.

/** Runs the CLI of the package whose `bin/<name>.js` is at `binUrl` (its `import.meta.url`). */
export async function launch(binUrl) {
  const bundle = new URL('../dist-bundle/cli.js', binUrl);
  try {
    await import(bundle.href);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || error.url !== bundle.href) throw error;
    await import(new URL('../dist/cli.js', binUrl).href);
  }
}
