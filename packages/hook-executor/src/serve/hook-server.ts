// The warm executor behind Claude Code's `http` hooks: `POST /hooks/<Event>` with the hook input
// runs exactly what `run` runs (executeEvent, the one implementation) and answers the merged output
// as an http hook's JSON body. Loopback only; every request needs the per-install token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { recordRun, type HookRunRecord } from '@fanout/hook-monitor';
import { homeDir, stateDir } from '../config/paths.js';
import { HookExecutorError } from '../errors.js';
import { executeEvent } from '../execute-event.js';
import type { BreakerOptions } from '../breaker/event-breaker.js';
import { storeDirOf } from '../breaker/store-dir.js';
import { PrestartedInterpreters, type InterpreterPoolOptions, type InterpreterStats } from '../exec/prestart/interpreter-pool.js';
import { firstOf } from '../exec/starter.js';
import { RefillGate } from '../exec/refill-gate.js';
import { WarmShells } from '../exec/warm-shells.js';
import type { EmittedOutput } from '../result/emit.js';
import type { HookInput } from '../types.js';
import { failureOutput, parseInput } from '../run/run-io.js';
import { ConfigCache } from './config-cache.js';
import { forwardRun, FORWARD_PATH, PACKAGE_VERSION } from './forward-run.js';
import { httpAnswer } from './http-answer.js';
import { Admission } from './admission.js';
import { throttledLog } from './log-throttle.js';
import { ProjectDirs } from './project-dirs.js';
import { foreignRequest } from './request-origin.js';
import { TOKEN_ENV } from './serve-files.js';
import { ClientGoneError, readBody, send } from './http-io.js';
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
  /** Events run at once (each holds its hooks' processes, pipes and up to 2 MiB of output per hook); more wait their turn in arrival order. @default 32 */
  readonly maxRunningEvents?: number;
  /** Open connections; one more is closed as soon as it is accepted. @default 1024 */
  readonly maxConnections?: number;
  /** Pre-started python and node interpreters for hooks that qualify (false: none). @default on */
  readonly prestart?: false | InterpreterPoolOptions;
  /** The circuit breaker's state (false: none). @default hook-monitor's store, where the records go; none when `record` is given */
  readonly breaker?: false | BreakerOptions;
}

export interface ServerStats {
  readonly requests: number;
  readonly unauthorized: number;
  readonly active: number;
  readonly configLoads: number;
  /** Events waiting for a turn (more than maxRunningEvents at once). */
  readonly queued: number;
  /** Command hooks started from a warm shell, and those spawned because none was ready. */
  readonly warmShells: { readonly taken: number; readonly missed: number };
  /** Hooks run by a pre-started interpreter, qualifying hooks that started cold, idle interpreters. */
  readonly interpreters?: InterpreterStats;
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
  const breaker = options.breaker ?? (options.record ? false : { dir: storeDirOf(baseEnv) });
  const log = options.log ?? ((line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`));
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const running = new Set<Promise<unknown>>();
  const startedAt = new Date().toISOString();
  const gate = new RefillGate();
  const warm = (options.warmShells ?? 32) > 0 ? new WarmShells(options.warmShells ?? 32, baseEnv, gate) : undefined;
  const prestarted = options.prestart === false ? undefined : new PrestartedInterpreters({ bootDir: stateDir(baseEnv), gate, ...options.prestart });
  const starter = prestarted || warm ? firstOf(['pre-started', prestarted], ['warm-shell', warm]) : undefined;
  const home = options.home ?? homeDir(baseEnv);
  const forwardConfigs = new Map<string, ConfigCache>();
  // A forwarded run reads the config files its own HOME and arguments name, as `run` would.
  const forwardConfig = (projectDir: string, configFile: string | undefined, runHome: string) => {
    if (configFile === undefined && options.configFile === undefined && runHome === home) return configs.get(projectDir);
    const key = `${runHome}\0${configFile ?? ''}`;
    let cache = forwardConfigs.get(key);
    if (!cache) {
      if (forwardConfigs.size >= 16) forwardConfigs.delete(forwardConfigs.keys().next().value!);
      forwardConfigs.set(key, (cache = new ConfigCache(runHome, configFile)));
    }
    return cache.get(projectDir);
  };

  let requests = 0;
  let unauthorized = 0;
  let boundPort = 0;
  const admission = new Admission(options.maxRunningEvents ?? 32);
  const logRefusal = throttledLog(log); // 401s and 403s: a client that keeps trying must not fill the log

  /** executeEvent with the server's environment and starters; the executor's own failure as `run` reports it. */
  async function execute(
    event: string,
    input: HookInput,
    raw: Buffer,
    projectDir: string,
    signal: AbortSignal,
  ): Promise<{ out: EmittedOutput; runId?: string }> {
    try {
      const config = configs.get(projectDir);
      const result = await executeEvent(event, input, config, {
        projectDir,
        env: { ...baseEnv, CLAUDE_PROJECT_DIR: projectDir },
        rawInput: raw,
        signal,
        source: 'serve',
        ...(starter ? { warmShells: starter } : {}),
        ...(breaker ? { breaker } : {}),
      });
      record(result.record);
      return { out: result, runId: result.record.run_id };
    } catch (error) {
      if (!(error instanceof HookExecutorError)) throw error;
      log(`${event}: ${error.message}`);
      return { out: failureOutput(error) };
    }
  }

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
    const ran = await admission.run(controller.signal, () => execute(event, input, raw, projectDir, controller.signal));
    if (!ran) return; // the client went away while the event waited for its turn
    const { out, runId } = ran;
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
    const foreign = foreignRequest(req.headers, boundPort);
    if (foreign) {
      logRefusal(`403 ${req.method} ${url.slice(0, 80)}: ${foreign}`);
      return send(res, 403, { error: 'only local clients that name 127.0.0.1 or localhost may call this server' }, { connection: 'close' });
    }
    const isAuthorized = authorized(req.headers.authorization);
    if (req.method === 'GET' && url === '/health') {
      return send(res, 200, { ok: true, pid: process.pid, ...(isAuthorized ? { stats: stats() } : {}) });
    }
    if (!isAuthorized) {
      unauthorized++;
      logRefusal(`401 ${req.method} ${url.slice(0, 80)} from ${req.socket.remoteAddress}: ${req.headers.authorization ? 'wrong' : 'no'} token`);
      // The body is never read, and the connection ends with the answer: a client that keeps
      // sending cannot hold it.
      return send(res, 401, { error: 'a valid Authorization: Bearer token is required' }, { 'www-authenticate': 'Bearer', connection: 'close' });
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
      if (typeof body.session_id !== 'string' || typeof body.project_dir !== 'string' || !path.isAbsolute(body.project_dir)) {
        return send(res, 400, { error: 'expected {"session_id": "...", "project_dir": "/abs/path"} (an absolute project dir)' });
      }
      dirs.register(body.session_id, body.project_dir);
      return send(res, 204, '');
    }
    if (url === FORWARD_PATH) {
      requests++;
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableEnded) controller.abort(new Error('the launcher went away')); // Claude Code's timeout: kill the hooks
      });
      const release = gate.hold(); // until the answer is written: no process starts delay it
      try {
        await admission.run(controller.signal, () =>
          forwardRun(
            req,
            res,
            raw,
            { version: PACKAGE_VERSION, config: forwardConfig, runOptions: starter ? { warmShells: starter } : {}, log },
            controller.signal,
          ),
        );
      } finally {
        release();
      }
      return;
    }
    const match = EVENT_PATH.exec(url);
    if (!match) return send(res, 404, { error: 'POST /hooks/<Event>' });
    requests++;
    const release = gate.hold();
    try {
      return await runHooks(match[1]!, raw, req, res);
    } finally {
      release();
    }
  }

  const server = http.createServer((req, res) => {
    const work = handle(req, res).catch((error: unknown) => {
      if (error instanceof ClientGoneError) return void res.destroy(); // it aborted mid-body: nobody to answer
      log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    });
    running.add(work);
    void work.finally(() => running.delete(work));
  });
  server.requestTimeout = 0; // a hook may run for its whole timeout (600 s by default)
  server.maxConnections = options.maxConnections ?? 1024; // an fd each: hooks need theirs
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A backlog as large as the connection cap: a burst that arrives while the loop is busy starting
    // hooks waits in the kernel's queue instead of overflowing it (the client then sees a reset).
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: server.maxConnections }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  boundPort = port;

  function stats(): ServerStats {
    return {
      requests,
      unauthorized,
      active: running.size,
      configLoads: configs.loads,
      queued: admission.queued,
      warmShells: { taken: warm?.taken ?? 0, missed: warm?.missed ?? 0 },
      ...(prestarted ? { interpreters: prestarted.stats() } : {}),
      startedAt,
    };
  }

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      server.close();
      server.closeAllConnections(); // running hooks see their client go away and are killed
      warm?.close();
      prestarted?.close();
      await Promise.allSettled(running);
      const { closeWorkers } = await import('../module/worker-pool.js');
      await closeWorkers();
    },
  };
}
