// `install --mode forward` (what `--mode auto` picks where it can): every event is registered as
// `bin/hook-executor-run --event E`, a bash launcher that hands the event to the user's warm server
// (pre-started shells and interpreters: no Node start, no fork of a large process per hook) and, when
// no server answers, execs `hook-executor run` itself — so gates stay fail-closed, unlike http hooks.
// A SessionStart `serve --ensure` keeps a server running.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher next to this package's bin. */
export function launcherPath(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hook-executor-run');
}

/** Why the launcher cannot run here (it needs bash and Linux's /proc/<pid>/environ), or undefined. */
export function forwardUnavailable(): string | undefined {
  if (!['/bin/bash', '/usr/bin/bash'].some((bash) => fs.existsSync(bash))) return 'no /bin/bash';
  try {
    fs.accessSync('/proc/self/environ', fs.constants.R_OK);
  } catch {
    return 'no /proc/<pid>/environ (not Linux)';
  }
  if (!fs.existsSync(launcherPath())) return `${launcherPath()} is missing`;
  return undefined;
}
