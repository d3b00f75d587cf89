// `fanout.mjs --line <tool> [fixed args…]`: what the slash commands run. The user's argument line
// arrives on stdin (a quoted heredoc in the command file, so quotes, `$` and `?` reach us as
// typed); the tool runs as a child with no stdin (the line is not context for it) and its output
// passes straight through.
import { spawn } from 'node:child_process';
import { openSync, readSync, closeSync } from 'node:fs';
import { splitArgs } from './split-args.mjs';
import { toolFromArgv } from './run-tool.mjs';

/** @returns {Promise<string>} */
async function readAll() {
  if (process.stdin.isTTY) return '';
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(/** @type {Buffer} */ (chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The node flags a JS tool's shebang asks for (`#!/usr/bin/env -S node --liftoff-only`): started
 * through node, it gets them as it would when run directly.
 * @param {string} script @returns {string[]}
 */
function shebangFlags(script) {
  const head = Buffer.alloc(200);
  const fd = openSync(script, 'r');
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const match = /^#!\S*env -S node((?: --?[\w-]+)+)\n/.exec(head.subarray(0, length).toString('utf8'));
  return match?.[1] ? match[1].trim().split(' ') : [];
}

/** @param {readonly string[]} argv @param {string} usage */
export async function runLine(argv, usage) {
  const line = await readAll();
  const { tool, args } = toolFromArgv(argv, usage);
  const words = [...args, ...splitArgs(line)];
  const command = tool.viaNode ? process.execPath : tool.script;
  const commandArgs = tool.viaNode ? [...shebangFlags(tool.script), tool.script, ...words] : words;
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
  /** @type {number} */
  const code = await new Promise((resolve) => {
    child.once('error', () => resolve(127));
    child.once('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  // Claude Code drops a failed `!` command's output and aborts the slash command, so report the
  // failure in the output instead and let the conversation see what went wrong.
  if (code !== 0) process.stdout.write(`\n[${tool.tool} exited with code ${code}]\n`);
}
