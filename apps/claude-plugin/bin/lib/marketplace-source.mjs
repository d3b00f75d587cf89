// An installed plugin runs from a copy: ~/.claude/plugins/cache/<marketplace>/<plugin>/<version>.
// When the marketplace was added from a directory (`claude plugin marketplace add <checkout>/apps/
// claude-plugin`), Claude Code records that directory in ~/.claude/plugins/known_marketplaces.json,
// which leads back to the checkout and its built packages. That file is Claude Code's internal
// format (seen in 2.1.197), so anything unexpected just means "not found".
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The directory a cached plugin copy was installed from, or undefined.
 * @param {string} pluginRoot
 * @returns {string | undefined}
 */
export function marketplaceSourceDir(pluginRoot) {
  const parts = path.resolve(pluginRoot).split(path.sep);
  const cache = parts.lastIndexOf('cache');
  // …/plugins/cache/<marketplace>/<plugin>/<version>
  if (cache < 1 || parts[cache - 1] !== 'plugins' || parts.length !== cache + 4) return undefined;
  const marketplace = /** @type {string} */ (parts[cache + 1]);
  const pluginsDir = parts.slice(0, cache).join(path.sep);
  try {
    const file = path.join(pluginsDir, 'known_marketplaces.json');
    const known = /** @type {Record<string, { source?: { source?: string, path?: string } }>} */ (JSON.parse(readFileSync(file, 'utf8')));
    const source = known[marketplace]?.source;
    return source?.source === 'directory' && typeof source.path === 'string' ? source.path : undefined;
  } catch {
    return undefined; // no record (or a format we do not know)
  }
}
