import os from 'node:os';
import path from 'node:path';

export const CONFIG_NAME = 'hook-executor.json';
export const LOCAL_CONFIG_NAME = 'hook-executor.local.json';

export interface ConfigLocation {
  readonly path: string;
  /** How messages name it: `.claude/hook-executor.json`, `~/.claude/hook-executor.json`, or absolute. */
  readonly display: string;
  readonly scope: 'user' | 'project' | 'local' | 'file';
}

/** The project directory: `$CLAUDE_PROJECT_DIR`, else the input's `cwd`, else the process's. */
export function resolveProjectDir(inputCwd: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLAUDE_PROJECT_DIR) return path.resolve(env.CLAUDE_PROJECT_DIR);
  if (typeof inputCwd === 'string' && inputCwd !== '') return path.resolve(inputCwd);
  return process.cwd();
}

export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME || os.homedir();
}

/** Where the executor keeps its own files (guard state, serve's token and pid file): `$HOOK_EXECUTOR_STATE_DIR`, default `~/.claude/hook-executor`. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOOK_EXECUTOR_STATE_DIR || path.join(homeDir(env), '.claude', 'hook-executor');
}

/** A path as messages show it: relative to the project, `~/…` under home, else absolute. */
export function displayPath(file: string, projectDir: string, home: string): string {
  const inProject = path.relative(projectDir, file);
  if (inProject && !inProject.startsWith('..') && !path.isAbsolute(inProject)) return inProject;
  const inHome = path.relative(home, file);
  if (inHome && !inHome.startsWith('..') && !path.isAbsolute(inHome)) return `~/${inHome}`;
  return file;
}

/** Where the executor's config is read from, in load (= config) order: user, project, local; or one `--config` file. */
export function configLocations(projectDir: string, home: string, configFile?: string): ConfigLocation[] {
  if (configFile) {
    const file = path.resolve(configFile);
    return [{ path: file, display: configFile, scope: 'file' }];
  }
  const candidates: ConfigLocation[] = [
    { path: path.join(home, '.claude', CONFIG_NAME), display: '', scope: 'user' },
    { path: path.join(projectDir, '.claude', CONFIG_NAME), display: '', scope: 'project' },
    { path: path.join(projectDir, '.claude', LOCAL_CONFIG_NAME), display: '', scope: 'local' },
  ];
  const seen = new Set<string>();
  return candidates
    .filter((c) => !seen.has(c.path) && Boolean(seen.add(c.path)))
    .map((c) => ({ ...c, display: displayPath(c.path, projectDir, home) }));
}
