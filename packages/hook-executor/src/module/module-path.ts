import os from 'node:os';
import path from 'node:path';
import type { HandlerConfig } from '../config/types.js';

/**
 * The absolute path of a module hook: `${CLAUDE_PROJECT_DIR}` / `$CLAUDE_PROJECT_DIR` and a leading
 * `~/` expand; a relative path resolves against the directory of the config file that names it
 * (so `./hooks/x.mjs` in `.claude/hook-executor.json` is `.claude/hooks/x.mjs`).
 */
export function modulePath(handler: Pick<HandlerConfig, 'module' | 'baseDir'>, projectDir: string): string {
  let file = (handler.module ?? '').replace(/\$\{CLAUDE_PROJECT_DIR\}|\$CLAUDE_PROJECT_DIR\b/g, projectDir);
  if (file === '~' || file.startsWith('~/')) file = path.join(os.homedir(), file.slice(1));
  return path.resolve(handler.baseDir ?? projectDir, file);
}
