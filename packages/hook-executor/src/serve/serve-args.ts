import { parseArgs } from 'node:util';
import { HookExecutorError } from '../errors.js';

export interface ServeArgs {
  readonly port?: number;
  readonly config?: string;
  readonly mode: 'foreground' | 'detach' | 'ensure' | 'stop' | 'status' | 'help';
  readonly json: boolean;
}

export const SERVE_USAGE = `hook-executor serve [--port N] [--config FILE] [--detach | --ensure | --stop | --status] [--json]

Answers Claude Code's http hooks from a warm process on 127.0.0.1: POST /hooks/<Event> runs that
event's hooks exactly as \`hook-executor run\` would and returns the merged output as JSON.
Every request needs the token in ~/.claude/hook-executor/token (Authorization: Bearer <token>).

  --port N     listen on this port [default: the port install --mode http registered, else any]
  --config F   use this config file for every request instead of the user/project files
  --detach     start in the background (logs to ~/.claude/hook-executor/serve.log)
  --ensure     start in the background unless already running (a SessionStart command hook);
               registers the session's project dir with the server; prints nothing on stdout
  --stop       stop the running server
  --status     is it running? (exit 0 running, 3 not running)
  --json       status as JSON on stdout

Examples:
  hook-executor serve --ensure
  hook-executor serve --status --json
  hook-executor serve --port 0 --config ./hooks.json      (foreground, for a test)
`;

const MODES = { detach: 'detach', ensure: 'ensure', stop: 'stop', status: 'status' } as const;
const SERVE_OPTIONS = {
  port: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  detach: { type: 'boolean' },
  ensure: { type: 'boolean' },
  stop: { type: 'boolean' },
  status: { type: 'boolean' },
} as const;

/**
 * With node's parseArgs, not yargs: `--ensure` runs as a SessionStart hook. Not strict, so every
 * mistake gets our own one-line message naming the argument as typed; flags apply in order, and
 * help wins over what follows it.
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let port: number | undefined;
  let config: string | undefined;
  let mode: ServeArgs['mode'] = 'foreground';
  let json = false;
  const { tokens } = parseArgs({ args: [...argv], options: SERVE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    const arg = argv[token.index]!;
    // `-h` alone is help; in a group (`-hx`) it is not.
    const name = token.kind !== 'option' ? undefined : token.rawName.startsWith('--') ? token.name : arg === '-h' ? 'help' : undefined;
    const value = (): string => {
      const v = token.kind === 'option' ? token.value : undefined;
      if (v === undefined || v === '') throw new HookExecutorError('USAGE', `--${name} needs a value`);
      return v;
    };
    if (name === 'help') return { mode: 'help', json };
    if (name === 'json') json = true;
    else if (name === 'config') config = value();
    else if (name === 'port') {
      const v = value();
      port = Number(v);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HookExecutorError('USAGE', `--port must be a port number from 0 to 65535, got "${v}"`);
    } else if (name !== undefined && Object.hasOwn(MODES, name)) {
      if (mode !== 'foreground') throw new HookExecutorError('USAGE', `--${mode} and --${name} cannot be combined`);
      mode = MODES[name as keyof typeof MODES];
    } else {
      throw new HookExecutorError('USAGE', `unknown argument "${arg}" (see hook-executor serve --help)`);
    }
  }
  return { ...(port === undefined ? {} : { port }), ...(config === undefined ? {} : { config }), mode, json };
}
