import fs from 'node:fs';
import path from 'node:path';
import type { HandlerConfig } from '../config/types.js';

const PLACEHOLDER = /\$\{(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}|\$(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\b/g;

function substitute(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(PLACEHOLDER, (whole, a?: string, b?: string) => env[(a ?? b)!] ?? whole);
}

const found = new Map<string, string>();

/** The shell of a shell-form hook: Claude Code runs `/bin/sh -c command` (argv[0] and $0 `/bin/sh`), not the first `sh` on PATH. */
export const SHELL = '/bin/sh';

/**
 * `name` looked up on PATH once, in the parent. Left to the child, execvp tries every PATH entry
 * before the right one, in each of the (many) hooks spawned; with a long PATH that is a visible
 * share of the spawn. Same result as execvp: the first executable file on PATH.
 */
export function onPath(name: string, env: NodeJS.ProcessEnv): string {
  if (name.includes('/')) return name;
  const key = `${name}\0${env.PATH ?? ''}`;
  const hit = found.get(key);
  if (hit !== undefined) return hit;
  let result = name;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (fs.statSync(candidate).isFile()) {
        fs.accessSync(candidate, fs.constants.X_OK);
        result = candidate;
        break;
      }
    } catch {
      // not here
    }
  }
  found.set(key, result);
  return result;
}

/**
 * What to spawn: exec form (`args` present, no shell, placeholders substituted per element) or
 * shell form (`sh -c command`, the shell expands variables itself).
 */
export function commandLine(handler: HandlerConfig, env: NodeJS.ProcessEnv): { file: string; args: string[] } {
  const command = handler.command ?? '';
  if (handler.args) return { file: onPath(substitute(command, env), env), args: handler.args.map((a) => substitute(a, env)) };
  return { file: handler.shell === 'bash' ? onPath('bash', env) : SHELL, args: ['-c', command] };
}
