// Where the plugin is on disk, for tools that start Claude Code with it (`--plugin-dir`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The plugin's name in `.claude-plugin/plugin.json` (its commands are `/fanout:<name>`). */
export const PLUGIN_NAME = 'fanout';

/** The plugin root (apps/claude-plugin): pass it as `claude --plugin-dir <PLUGIN_ROOT>`. */
export const PLUGIN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A path inside the plugin, e.g. `pluginPath('hooks', 'hooks.json')`. */
export function pluginPath(...segments: string[]): string {
  return path.join(PLUGIN_ROOT, ...segments);
}
