// Running a resolved tool. A JS entry is imported into this process with process.argv rewritten
// as if node had started it directly, so a hook pays for one node start-up; anything else (a
// native or shell shim on PATH) is spawned with stdio inherited.
import { pathToFileURL } from 'node:url';
import { FanoutPluginError } from './errors.mjs';
import { isTool, resolveTool } from './resolve-tool.mjs';

/** @param {readonly string[]} argv `<tool> [args…]` @param {string} usage */
export function toolFromArgv(argv, usage) {
  const [name, ...args] = argv;
  if (name === undefined || !isTool(name)) {
    throw new FanoutPluginError('USAGE', `unknown tool "${name ?? ''}" (${usage})`);
  }
  return { tool: resolveTool(name), args };
}

/** @param {readonly string[]} argv @param {string} usage */
export async function runTool(argv, usage) {
  const { tool, args } = toolFromArgv(argv, usage);
  if (tool.viaNode) {
    process.argv = [process.execPath, tool.script, ...args];
    await import(pathToFileURL(tool.script).href);
    return;
  }
  const { spawn } = await import('node:child_process');
  const child = spawn(tool.script, args, { stdio: 'inherit' });
  process.exitCode = await new Promise((resolve) => {
    child.once('error', () => resolve(127));
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
