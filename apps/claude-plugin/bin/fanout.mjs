#!/usr/bin/env node
// The plugin's launcher: finds a fanout tool (see lib/resolve-tool.mjs) and runs it.
//   node fanout.mjs <tool> [args…]        runs the tool inside this node process, stdin untouched
//                                          (what hooks use: one node start-up, not two)
//   node fanout.mjs --line <tool> [args…] slash commands: stdin holds the user's argument line
//                                          (a quoted heredoc, so nothing is shell-expanded); it is
//                                          split into words and the tool runs with no stdin. A
//                                          failure is reported on stdout and this exits 0, so the
//                                          output (errors too) reaches the conversation.
// Hooks pay for every module loaded here, so the slash-command path loads only when used.
import { FanoutPluginError } from './lib/errors.mjs';
import { runTool } from './lib/run-tool.mjs';

const USAGE = 'usage: fanout.mjs [--line] <hook-executor|oracle|council|swarm|hook-monitor|offload> [args…]';

try {
  const argv = process.argv.slice(2);
  if (argv[0] === '--line') await (await import('./lib/run-line.mjs')).runLine(argv.slice(1), USAGE);
  else await runTool(argv, USAGE);
} catch (error) {
  if (!(error instanceof FanoutPluginError)) throw error;
  // Exit 1 is non-blocking for every Claude Code hook event: a missing tool never wedges a session.
  process.stderr.write(`fanout plugin: ${error.message}\n`);
  process.exitCode = 1;
}
