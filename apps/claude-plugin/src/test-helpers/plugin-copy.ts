// A copy of the plugin's runtime files somewhere outside any fanout checkout, as a user gets when
// installing the plugin apart from the repo; and a fake global npm prefix whose bin/ links to the
// checkout's built tools (what `npm install -g @fanout/<tool>` would put on PATH).
import { cp, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { PLUGIN_ROOT } from '../plugin-root.js';

export const PLUGIN_RUNTIME_PARTS = ['.claude-plugin', 'hooks', 'commands', 'bin'] as const;

export async function copyPlugin(dir: string): Promise<string> {
  for (const part of PLUGIN_RUNTIME_PARTS) await cp(path.join(PLUGIN_ROOT, part), path.join(dir, part), { recursive: true });
  return dir;
}

/** `<prefix>/bin/<tool>` → `<checkout>/packages/<tool>/bin/<tool>.js` for each tool; returns the bin dir. */
export async function fakeGlobalPrefix(prefix: string, tools: readonly string[]): Promise<string> {
  const bin = path.join(prefix, 'bin');
  await mkdir(bin, { recursive: true });
  const checkout = path.resolve(PLUGIN_ROOT, '../..');
  for (const tool of tools) await symlink(path.join(checkout, 'packages', tool, 'bin', `${tool}.js`), path.join(bin, tool));
  return bin;
}
