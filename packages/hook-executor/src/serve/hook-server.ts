// The warm executor behind Claude Code's `http` hooks: `POST /hooks/<Event>` with the hook input
// runs exactly what `run` runs (executeEvent, the one implementation) and answers the merged output
// as an http hook's JSON body. Loopback only; every request needs the per-install token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordRun, type HookRunRecord } from '@fanout/hook-monitor';
import { homeDir } from '../config/paths.js';
import { HookExecutorError } from '../errors.js';
import { executeEvent } from '../execute-event.js';
import { WarmShells } from '../exec/warm-shells.js';
import type { EmittedOutput } from '../result/emit.js';
import { failureOutput, parseInput } from '../run/run-io.js';
import { ConfigCache } from './config-cache.js';
import { httpAnswer } from './http-answer.js';
import { ProjectDirs } from './project-dirs.js';
import { TOKEN_ENV } from './serve-files.js';
import { readBody, send } from './http-io.js';
import { authorizationCheck } from './token.js';

export interface HookServerOptions {
  /** The secret every request must carry as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** @default 0: any free port */
  readonly port?: number;
  /** One config file for every request instead of the user/project files (like `run --config`). */
  readonly configFile?: string;
  /** Whose `~/.claude/hook-executor.json` is read. @default $HOME */
  readonly home?: string;
  /** The environment hooks start from; session-specific variables are dropped. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where run records go. @default hook-monitor's recordRun */
  readonly record?: (record: HookRunRecord) => void;
  /** Diagnostics, one line each (never the token). @default stderr */
  readonly log?: (line: string) => void;
  /** @default 16 MiB */
  readonly maxBodyBytes?: number;
  /** Shells kept started for command hooks (0: spawn each hook, like `run`). @default 32 */
  readonly warmShells?: number;
}

export interface ServerStats {
  readonly requests: number;
  readonly unauthorized: number;
  readonly active: number;
  readonly configLoads: number;
  /** Command hooks started from a warm shell, and those spawned because none was ready. */
  readonly warmShells: { readonly taken: number; readonly missed: number };
  readonly startedAt: string;
}

export interface HookServer {
  readonly port: number;
  readonly url: string;
  stats(): ServerStats;
  /** Stops listening, cancels running hooks (their process groups are killed) and waits for them. */
  close(): Promise<void>;
}

/** Variables that describe the session that happened to start the server, not the request's. */
const SESSION_VARS = ['CLAUDE_PROJECT_DIR', 'CLAUDE_ENV_FILE', 'CLAUDE_CODE_SESSION_ID', 'CLAUDE_PID', TOKEN_ENV];
const EVENT_PATH = /^\/hooks\/([A-Z][A-Za-z0-9]{0,63})$/;

export async function startHookServer(options: HookServerOptions): Promise<HookServer> {
  const authorized = authorizationCheck(options.token);
  const baseEnv: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  for (const name of SESSION_VARS) delete baseEnv[name];
  const configs = new ConfigCache(options.home ?? homeDir(baseEnv), options.configFile);
  const dirs = new ProjectDirs();
  const record = options.record ?? ((r: HookRunRecord) => recordRun(r));
  const log = options.log ?? ((line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`));
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const running = new Set<Promise<unknown>>();
  const startedAt = new Date().toISOString();
  const warm = (options.warmShells ?? 32) > 0 ? new WarmShells(options.warmShells ?? 32, baseEnv) : undefined;
  let requests = 0;
  let unauthorized = 0;

  async function runHooks(event: string, raw: Buffer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let input;
    try {
      input = parseInput(raw);
    } catch (error) {
      return send(res, 400, { error: (error as Error).message });
    }
    const header = req.headers['x-claude-project-dir'];
    const projectDir = dirs.resolve(typeof header === 'string' ? header : undefined, input);
    if (!projectDir) return send(res, 400, { error: 'no project: the input has no absolute cwd and no X-Claude-Project-Dir header' });
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) controller.abort(new Error('the client went away')); // Claude Code's timeout: kill the hooks
    });
    let out: EmittedOutput;
    let runId: string | undefined;
    try {
      const config = configs.get(projectDir);
      const result = await executeEvent(event, input, config, {
        projectDir,
        env: { ...baseEnv, CLAUDE_PROJECT_DIR: projectDir },
        rawInput: raw,
        signal: controller.signal,
        source: 'serve',
        ...(warm ? { warmShells: warm } : {}),
      });
      record(result.record);
      runId = result.record.run_id;
      out = result;
    } catch (error) {
      if (!(error instanceof HookExecutorError)) throw error;
      log(`${event}: ${error.message}`);
      out = failureOutput(error);
    }
    const answer = httpAnswer(event, out);
    if (answer.lost) log(`${event}: ${answer.lost}: ${out.stderr.trim().split('\n')[0]}`);
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-hook-executor-exit-code': String(out.exitCode),
      ...(runId ? { 'x-hook-executor-run-id': runId } : {}),
      ...(answer.lost ? { 'x-hook-executor-lost': answer.lost } : {}),
    });
    res.end(answer.body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const isAuthorized = authorized(req.headers.authorization);
    if (req.method === 'GET' && url === '/health') {
      return send(res, 200, { ok: true, pid: process.pid, ...(isAuthorized ? { stats: stats() } : {}) });
    }
    if (!isAuthorized) {
      unauthorized++;
      req.resume();
      log(`401 ${req.method} ${url.slice(0, 80)} from ${req.socket.remoteAddress}: ${req.headers.authorization ? 'wrong' : 'no'} token`);
      return send(res, 401, { error: 'a valid Authorization: Bearer token is required' }, { 'www-authenticate': 'Bearer' });
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'POST only' }, { allow: 'POST' });
    const raw = await readBody(req, limit);
    if (raw === undefined) return send(res, 413, { error: `the body exceeds ${limit} bytes` });
    if (url === '/sessions') {
      const body = (() => {
        try {
          return JSON.parse(raw.toString('utf8')) as { session_id?: unknown; project_dir?: unknown };
        } catch {
          return {};
        }
      })();
      if (typeof body.session_id !== 'string' || typeof body.project_dir !== 'string') return send(res, 400, { error: 'expected {"session_id": "...", "project_dir": "/abs/path"}' });
      dirs.register(body.session_id, body.project_dir);
      return send(res, 204, '');
    }
    const match = EVENT_PATH.exec(url);
    if (!match) return send(res, 404, { error: 'POST /hooks/<Event>' });
    requests++;
    return runHooks(match[1]!, raw, req, res);
  }

  const server = http.createServer((req, res) => {
    const work = handle(req, res).catch((error: unknown) => {
      log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    });
    running.add(work);
    void work.finally(() => running.delete(work));
  });
  server.requestTimeout = 0; // a hook may run for its whole timeout (600 s by default)
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  function stats(): ServerStats {
    return { requests, unauthorized, active: running.size, configLoads: configs.loads, warmShells: { taken: warm?.taken ?? 0, missed: warm?.missed ?? 0 }, startedAt };
  }

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      server.close();
      server.closeAllConnections(); // running hooks see their client go away and are killed
      warm?.close();
      await Promise.allSettled(running);
      const { closeWorkers } = await import('../module/worker-pool.js');
      await closeWorkers();
    },
  };
}
