// `hook-executor serve …` (bin/hook-executor.js routes here past yargs: `--ensure` runs as a
// SessionStart command hook, so it must stay quick and print nothing on stdout — a SessionStart
// hook's stdout becomes context for Claude).
import { HookExecutorError } from '../errors.js';
import { parseInput, readStdin } from '../run/run-io.js';
import { registeredPort, serveForeground, VERSION } from './foreground.js';
import { runningServer, startDetached, stopServer } from './lifecycle.js';
import { request } from './server-client.js';
import { serveFiles, type ServeFiles } from './serve-files.js';
import { parseServeArgs, SERVE_USAGE, type ServeArgs } from './serve-args.js';
import { ensureToken, readToken } from './token.js';

const note = (text: string) => process.stderr.write(`${text}\n`);
const json = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** Tells the server which project a session belongs to (from a SessionStart hook's input and env). */
async function registerSession(url: string, token: string): Promise<void> {
  let input: Record<string, unknown> = {};
  try {
    input = parseInput(await readStdin());
  } catch {
    return; // not a hook input: nothing to register
  }
  const projectDir = process.env.CLAUDE_PROJECT_DIR || (typeof input.cwd === 'string' ? input.cwd : undefined);
  if (typeof input.session_id !== 'string' || !projectDir) return;
  await request(`${url}/sessions`, { method: 'POST', token, body: JSON.stringify({ session_id: input.session_id, project_dir: projectDir }) }).catch(
    () => undefined,
  );
}

async function status(files: ServeFiles, args: ServeArgs): Promise<number> {
  const up = await runningServer(files, readToken(files.token));
  if (args.json) {
    json(
      up
        ? { running: true, pid: up.pid, port: up.port, url: up.url, startedAt: up.startedAt, version: up.version, stats: up.health.stats }
        : { running: false },
    );
  } else if (up) {
    process.stdout.write(`running: pid ${up.pid}, ${up.url}, since ${up.startedAt} (hook-executor ${up.version})\n`);
  } else {
    process.stdout.write('not running\n');
  }
  return up ? 0 : 3;
}

async function start(files: ServeFiles, args: ServeArgs): Promise<number> {
  const token = ensureToken(files.token);
  const port = args.port ?? registeredPort(files);
  const options = { ...(port === undefined ? {} : { port }), ...(args.config ? { config: args.config } : {}) };
  const up = (await runningServer(files)) ?? (await startDetached(files, options));
  if (args.mode === 'ensure') await registerSession(up.url, token);
  if (args.json) json({ running: true, pid: up.pid, port: up.port, url: up.url });
  else if (args.mode === 'detach') note(`hook-executor serve: running, pid ${up.pid}, ${up.url}`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<void> {
  let code: number;
  try {
    const args = parseServeArgs(argv);
    const files = serveFiles();
    switch (args.mode) {
      case 'help':
        process.stdout.write(`${SERVE_USAGE}\nhook-executor ${VERSION}\n`);
        code = 0;
        break;
      case 'status':
        code = await status(files, args);
        break;
      case 'stop': {
        const stopped = await stopServer(files);
        if (args.json) json(stopped);
        else note(stopped.stopped ? `hook-executor serve: stopped pid ${stopped.pid}` : 'hook-executor serve: not running');
        code = 0;
        break;
      }
      case 'detach':
      case 'ensure':
        code = await start(files, args);
        break;
      case 'foreground':
        code = await serveForeground(files, { ...(args.port === undefined ? {} : { port: args.port }), ...(args.config ? { config: args.config } : {}) });
        break;
    }
  } catch (error) {
    if (!(error instanceof HookExecutorError)) throw error;
    note(`hook-executor serve: ${error.message}`);
    code = 1; // as a SessionStart hook: non-blocking, the session starts (http hooks then fail open)
  }
  process.exit(code);
}
