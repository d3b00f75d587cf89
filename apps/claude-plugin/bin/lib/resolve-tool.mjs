// Where a fanout tool's entry script is. In order: the checkout named by $FANOUT_HOME; the
// checkout this plugin sits in (apps/claude-plugin → ../../packages/<tool>), found directly with
// --plugin-dir, or through the marketplace record when Claude Code runs an installed copy from its
// plugin cache; the command on PATH (a global `npm install -g`). A checkout whose package is not
// built is an error, not a fallback: silently running an older global copy would be worse.
import { accessSync, constants, existsSync, openSync, readSync, closeSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FanoutPluginError } from './errors.mjs';
import { marketplaceSourceDir } from './marketplace-source.mjs';

/** The fanout binaries the plugin runs (each is `packages/<name>/bin/<name>.js` in a checkout). */
export const TOOLS = /** @type {const} */ (['hook-executor', 'oracle', 'council', 'swarm', 'hook-monitor', 'offload', 'fanout-mcp']);

/** Binaries not named after their package directory (`packages/mcp/bin/fanout-mcp.js`). */
const PACKAGE_DIRS = /** @type {Readonly<Record<string, string>>} */ ({ 'fanout-mcp': 'mcp' });

/** @typedef {(typeof TOOLS)[number]} ToolName */

/**
 * @typedef {object} ResolvedTool
 * @property {ToolName} tool
 * @property {string} script the file to run (a JS entry, or any executable when `viaNode` is false)
 * @property {boolean} viaNode the script is JavaScript: it can be imported into this node process
 * @property {'FANOUT_HOME' | 'checkout' | 'PATH'} from where it was found
 */

/** The plugin's own root (the directory holding `bin/`). */
export const PLUGIN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {string} name @returns {name is ToolName} */
export function isTool(name) {
  return /** @type {readonly string[]} */ (TOOLS).includes(name);
}

/** @param {string} file */
function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A JS file: by extension, or by a `node` shebang (npm's global shims link to the .js file). @param {string} file */
function isJavaScript(file) {
  if (/\.[cm]?js$/.test(file)) return true;
  let fd;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(128);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^#!.*\bnode\b/.test(head.subarray(0, n).toString('utf8').split('\n')[0] ?? '');
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The tool's script in a checkout, or undefined when this is not a fanout checkout.
 * @param {string} checkout @param {ToolName} tool @param {'FANOUT_HOME' | 'checkout'} from
 * @returns {ResolvedTool | undefined}
 */
function inCheckout(checkout, tool, from) {
  const dir = PACKAGE_DIRS[tool] ?? tool;
  const packageDir = path.join(checkout, 'packages', dir);
  const script = path.join(packageDir, 'bin', `${tool}.js`);
  if (!existsSync(script)) return undefined;
  if (!existsSync(path.join(packageDir, 'dist', 'cli.js'))) {
    throw new FanoutPluginError('NOT_BUILT', `${tool} is not built in ${checkout} (no packages/${dir}/dist): run \`pnpm install && pnpm build\` there`);
  }
  return { tool, script, viaNode: true, from };
}

/** @param {string} name @param {string | undefined} searchPath */
export function findOnPath(name, searchPath) {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds `tool`. `env` supplies FANOUT_HOME and PATH; `pluginRoot` is where this plugin lives.
 * @param {ToolName} tool
 * @param {{ env?: NodeJS.ProcessEnv, pluginRoot?: string }} [options]
 * @returns {ResolvedTool}
 */
export function resolveTool(tool, { env = process.env, pluginRoot = PLUGIN_ROOT } = {}) {
  const tried = [];
  if (env.FANOUT_HOME) {
    const found = inCheckout(path.resolve(env.FANOUT_HOME), tool, 'FANOUT_HOME');
    if (found) return found;
    tried.push(`$FANOUT_HOME (${env.FANOUT_HOME}) has no packages/${tool}`);
  }
  const source = marketplaceSourceDir(pluginRoot) ?? pluginRoot;
  const found = inCheckout(path.resolve(source, '../..'), tool, 'checkout');
  if (found) return found;
  tried.push(`no fanout checkout around the plugin (${source})`);
  const onPath = findOnPath(tool, env.PATH);
  if (onPath) {
    const script = realpathSync(onPath);
    return { tool, script, viaNode: isJavaScript(script), from: 'PATH' };
  }
  tried.push(`no \`${tool}\` on PATH`);
  throw new FanoutPluginError(
    'TOOL_NOT_FOUND',
    `cannot find ${tool}: ${tried.join('; ')}. Set FANOUT_HOME to a built fanout checkout or install ${tool} globally`,
  );
}
