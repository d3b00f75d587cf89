// `POST /forward`: a `run` that bin/hook-executor-run handed over. It does what `run` would have
// done in that process — the same arguments, cwd, environment, stdin, config files, fast path for
// an event without hooks, merge, record and exit code — with the server's pre-started shells and
// interpreters. The answer is the stdout and stderr `run` would print, and its exit code.
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { recordRun, type HookRunRecord } from '@fanout/hook-monitor';
import { configLocations, homeDir } from '../config/paths.js';
import type { ExecutorConfig } from '../config/types.js';
import { HookExecutorError } from '../errors.js';
import { executeEvent, type ExecuteOptions } from '../execute-event.js';
import { recordEmptyRun } from '../record.js';
import { storeDirOf } from '../breaker/store-dir.js';
import type { EmittedOutput } from '../result/emit.js';
import { certainlyNothingToRun, readConfigTexts } from '../run/quick-match.js';
import { failureOutput, parseInput, parseRunArgs } from '../run/run-io.js';
import { parseForwardBody } from './forward-body.js';
import { send } from './http-io.js';

export interface ForwardContext {
  /** The server's package version: a launcher of another version runs the hooks itself. */
  readonly version: string;
  /** Validated configs by project dir, `--config` file and HOME (whose ~/.claude/hook-executor.json is read). */
  readonly config: (projectDir: string, configFile: string | undefined, home: string) => ExecutorConfig;
  /** What the server gives every run: warm shells, pre-started interpreters. */
  readonly runOptions: Pick<ExecuteOptions, 'warmShells'>;
  /** Diagnostics for serve.log. */
  readonly log: (line: string) => void;
}

export const FORWARD_PATH = '/forward';

/** The launcher sends its package's version: one of another version runs the hooks itself. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** hook-monitor's store of the forwarded environment (as `run` in that environment would record). */
function recordTo(env: NodeJS.ProcessEnv, record: HookRunRecord): void {
  recordRun(record, {
    dir: storeDirOf(env),
    storeInput: env.HOOK_MONITOR_STORE_INPUT === '1',
    // Streaming to OpenTelemetry as that environment asks (else as the server's own does).
    ...(env.HOOK_MONITOR_OTLP_URL ? { otlpUrl: env.HOOK_MONITOR_OTLP_URL } : {}),
  });
}

function answer(res: http.ServerResponse, out: EmittedOutput): void {
  const stdout = Buffer.from(out.stdout, 'utf8');
  const stderr = Buffer.from(out.stderr, 'utf8');
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'cache-control': 'no-store',
    'content-length': String(stdout.length + stderr.length),
    'x-hook-executor-exit-code': String(out.exitCode),
    'x-hook-executor-stdout-bytes': String(stdout.length),
    'x-hook-executor-stderr-bytes': String(stderr.length),
    // bash keeps no NUL in a variable: the launcher copies such an answer with `head -c`.
    ...(stdout.includes(0) || stderr.includes(0) ? { 'x-hook-executor-raw': '1' } : {}),
  });
  res.end(Buffer.concat([stdout, stderr]));
}

/** Runs a forwarded `run`; answers 4xx (before any hook started) when the launcher must run it itself. */
export async function forwardRun(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, ctx: ForwardContext, signal: AbortSignal): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const version = req.headers['x-hook-executor-version'];
  if (version !== ctx.version) {
    ctx.log(`a run of hook-executor ${String(version).slice(0, 40)} was forwarded to this server (${ctx.version}): it ran its hooks itself; ` +
      `restart the server to serve it`);
    return send(res, 409, { error: `this server is hook-executor ${ctx.version}` });
  }
  const run = parseForwardBody(body);
  if (!run) return send(res, 400, { error: 'not a forwarded run' });
  const { env, cwd } = run;
  if (run.argv.includes('--help') || run.argv.includes('-h')) return send(res, 409, { error: 'help is printed by run itself' });
  let out: EmittedOutput;
  try {
    const args = parseRunArgs(run.argv);
    const input = parseInput(run.stdin);
    const event = args.event ?? (typeof input.hook_event_name === 'string' ? input.hook_event_name : undefined);
    if (!event) throw new HookExecutorError('USAGE', 'no event: pass --event <Event> (or an input with hook_event_name)');
    // As resolveProjectDir in the launcher's process: $CLAUDE_PROJECT_DIR, the input's cwd, its cwd.
    const projectDir = env.CLAUDE_PROJECT_DIR
      ? path.resolve(cwd, env.CLAUDE_PROJECT_DIR)
      : typeof input.cwd === 'string' && input.cwd !== ''
        ? path.resolve(cwd, input.cwd)
        : cwd;
    const configFile = args.config === undefined ? undefined : path.resolve(cwd, args.config);
    const home = homeDir(env);
    const texts = readConfigTexts(configLocations(projectDir, home, configFile));
    if (certainlyNothingToRun(texts, event, input)) {
      recordEmptyRun(event, input, startedAt, t0, (run) => recordTo(env, run));
      return answer(res, { exitCode: 0, stdout: '', stderr: '' });
    }
    const config = ctx.config(projectDir, configFile, home);
    const result = await executeEvent(event, input, config, {
      projectDir,
      env,
      rawInput: run.stdin,
      signal,
      source: 'run',
      breaker: { dir: storeDirOf(env) },
      ...ctx.runOptions,
    });
    recordTo(env, result.record);
    out = result;
  } catch (error) {
    if (!(error instanceof HookExecutorError)) throw error;
    out = failureOutput(error);
  }
  answer(res, out);
}
