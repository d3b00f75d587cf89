import path from 'node:path';
import { CONFIG_NAME, homeDir, LOCAL_CONFIG_NAME } from '../config/paths.js';
import { HookExecutorError } from '../errors.js';

export type Scope = 'project' | 'user' | 'local';
export const SCOPES: readonly Scope[] = ['project', 'user', 'local'];

export interface ScopeFiles {
  readonly scope: Scope;
  /** Claude Code's settings file for the scope. */
  readonly settings: string;
  /** The executor's file the hooks move to. */
  readonly executor: string;
  /** What `uninstall` restores from. */
  readonly backup: string;
}

/** project: .claude/settings.json → .claude/hook-executor.json; user: the same under ~; local: the .local variants. */
export function scopeFiles(scope: string, projectDir: string, env: NodeJS.ProcessEnv = process.env): ScopeFiles {
  if (!(SCOPES as readonly string[]).includes(scope)) {
    throw new HookExecutorError('USAGE', `--scope must be one of ${SCOPES.join(', ')}, got "${scope}"`);
  }
  const dir = scope === 'user' ? path.join(homeDir(env), '.claude') : path.join(projectDir, '.claude');
  const settings = path.join(dir, scope === 'local' ? 'settings.local.json' : 'settings.json');
  const executor = path.join(dir, scope === 'local' ? LOCAL_CONFIG_NAME : CONFIG_NAME);
  return { scope: scope as Scope, settings, executor, backup: `${settings}.hook-executor-backup.json` };
}
