import path from 'node:path';
import { stateDir } from '../config/paths.js';

/** The files of `serve`, in the executor's state directory (`~/.claude/hook-executor/`). */
export interface ServeFiles {
  readonly dir: string;
  /** The per-install secret (mode 0600); every request must carry it. */
  readonly token: string;
  /** The running server: pid, port, url (no secret). Also the one-server-per-user lock. */
  readonly state: string;
  /** The port `install --mode http` registered, used by `serve` when no --port is given. */
  readonly port: string;
  /** A detached server's stderr. */
  readonly log: string;
}

export function serveFiles(env: NodeJS.ProcessEnv = process.env): ServeFiles {
  const dir = stateDir(env);
  return {
    dir,
    token: path.join(dir, 'token'),
    state: path.join(dir, 'serve.json'),
    port: path.join(dir, 'port'),
    log: path.join(dir, 'serve.log'),
  };
}

/** The environment variable Claude Code's http hooks read the token from (`headers` + `allowedEnvVars`). */
export const TOKEN_ENV = 'FANOUT_HOOK_TOKEN';
