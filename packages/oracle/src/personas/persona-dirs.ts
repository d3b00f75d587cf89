import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PersonaSource } from './persona.js';

export interface PersonaSearchOptions {
  /** Project directory. @default process.cwd() */
  readonly cwd?: string;
  /** Home directory. @default os.homedir() */
  readonly home?: string;
  /** For XDG_CONFIG_HOME. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface PersonaDir {
  readonly dir: string;
  readonly source: PersonaSource;
}

/**
 * Shipped with the package (`personas/*.md`). Found from oracle's package.json, not from this
 * module's URL: the CLIs' esbuild bundles (dist-bundle/ of oracle, council and swarm) hold this code
 * elsewhere, and from every one of them `@fanout/oracle` resolves to this package.
 */
export const BUILTIN_PERSONA_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('@fanout/oracle/package.json')), 'personas');

/** Where personas are looked up, first match of a name wins. */
export function personaDirs(options: PersonaSearchOptions = {}): PersonaDir[] {
  const cwd = options.cwd ?? process.cwd();
  const home = options.home ?? homedir();
  const configHome = (options.env ?? process.env)['XDG_CONFIG_HOME'] || path.join(home, '.config');
  return [
    { dir: path.join(cwd, '.fanout', 'personas'), source: 'project' },
    { dir: path.join(configHome, 'fanout', 'personas'), source: 'user' },
    { dir: path.join(cwd, '.claude', 'agents'), source: 'claude-project' },
    { dir: path.join(home, '.claude', 'agents'), source: 'claude-user' },
    { dir: BUILTIN_PERSONA_DIR, source: 'builtin' },
  ];
}
