#!/usr/bin/env node
// `run` and `guard` are executed by Claude Code on every event, `serve --ensure` on every session
// start: they skip the yargs CLI. `run` and `guard` load the bundled lean entry points (dist/lean,
// see scripts/bundle-lean.mjs), or the plain tsc output when the bundle was not built.
async function lean(name, fallback) {
  try {
    return await import(`../dist/lean/${name}/${name}.js`);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/lean')) throw error;
    return import(fallback);
  }
}

const command = process.argv[2];
if (command === 'run') {
  const { main } = await lean('run', '../dist/run/main.js');
  await main(process.argv.slice(3));
} else if (command === 'serve') {
  const { main } = await import('../dist/serve/main.js');
  await main(process.argv.slice(3));
} else if (command === 'guard') {
  const { main } = await lean('guard', '../dist/guard/main.js');
  await main(process.argv.slice(3));
} else {
  await import('../dist/cli.js');
}
