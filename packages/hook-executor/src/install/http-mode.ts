// `install --mode http`: which events Claude Code reaches the warm server for (http hooks) and which
// stay command hooks (`run`), and the SessionStart hook that starts the server.
//
// Claude Code fails OPEN when an http hook cannot be reached (connection refused, an HTTP error, a
// timeout: observed with 2.1.197), so with the server down an http "gate" lets the action through.
// Gates — events where a hook's answer stops something before it happens — therefore stay command
// hooks unless `--gates http` is given.
import { TOKEN_ENV } from '../serve/serve-files.js';

/** Events whose hooks can prevent an action (deny a tool, block a prompt, refuse a change). */
export const GATE_EVENTS: ReadonlySet<string> = new Set([
  'PreToolUse',
  'PermissionRequest',
  'UserPromptSubmit',
  'UserPromptExpansion',
  'ConfigChange',
  'PreCompact',
  'TaskCreated',
  'Elicitation',
  'ElicitationResult',
]);

/**
 * Events that cannot be served over http: Claude Code never calls http hooks on SessionStart and
 * Setup (observed: a SessionStart http hook is silently skipped), TeammateIdle and TaskCompleted
 * act only on exit 2, and WorktreeCreate reads a command's stdout path.
 */
export const COMMAND_ONLY_EVENTS: ReadonlySet<string> = new Set(['SessionStart', 'Setup', 'TeammateIdle', 'TaskCompleted', 'WorktreeCreate']);

export interface HttpMode {
  readonly port: number;
  /** Written into the settings file's `env` (Claude Code interpolates it into the header). */
  readonly token: string;
  /** `command` (default): gate events stay command hooks; `http`: everything servable goes over http. */
  readonly gates: 'command' | 'http';
}

export function servedOverHttp(event: string, mode: HttpMode): boolean {
  if (COMMAND_ONLY_EVENTS.has(event)) return false;
  return mode.gates === 'http' || !GATE_EVENTS.has(event);
}

export function httpHandler(event: string, port: number, timeout: number): Record<string, unknown> {
  return {
    type: 'http',
    url: `http://127.0.0.1:${port}/hooks/${event}`,
    headers: { Authorization: `Bearer $${TOKEN_ENV}` },
    allowedEnvVars: [TOKEN_ENV],
    timeout,
  };
}

/** The SessionStart command hook that starts the server if it is not running. */
export function ensureGroup(command: string): Record<string, unknown> {
  return { hooks: [{ type: 'command', command: `${command} serve --ensure`, timeout: 20 }] };
}

const ENSURE = /hook-executor(?:\.js)?["']?\s+serve\s+--ensure\b/;
const SERVED_URL = /^http:\/\/127\.0\.0\.1:\d+\/hooks\/[A-Za-z]+$/;

/** A handler install wrote for http mode: the server's http hooks or the `serve --ensure` command. */
export function isHttpModeRegistration(handler: Record<string, unknown> | null): boolean {
  if (typeof handler?.command === 'string' && ENSURE.test(handler.command)) return true;
  return (
    handler?.type === 'http' &&
    typeof handler.url === 'string' &&
    SERVED_URL.test(handler.url) &&
    Array.isArray(handler.allowedEnvVars) &&
    handler.allowedEnvVars.includes(TOKEN_ENV)
  );
}

/** The settings' `env` with the token (http mode) or without it (command mode); undefined = no `env` key. */
export function settingsEnv(env: unknown, mode: HttpMode | undefined): unknown {
  const current = env && typeof env === 'object' && !Array.isArray(env) ? (env as Record<string, unknown>) : undefined;
  if (mode) return { ...current, [TOKEN_ENV]: mode.token };
  if (!current || !(TOKEN_ENV in current)) return env; // not ours to touch
  const { [TOKEN_ENV]: _token, ...rest } = current;
  return Object.keys(rest).length ? rest : undefined;
}
