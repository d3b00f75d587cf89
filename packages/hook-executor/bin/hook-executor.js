#!/usr/bin/env node
// `run` and `guard` are executed by Claude Code on every event: they skip the yargs CLI entirely.
const command = process.argv[2];
if (command === 'run') {
  const { main } = await import('../dist/run/main.js');
  await main(process.argv.slice(3));
} else if (command === 'guard') {
  const { main } = await import('../dist/guard/main.js');
  await main(process.argv.slice(3));
} else {
  await import('../dist/cli.js');
}
