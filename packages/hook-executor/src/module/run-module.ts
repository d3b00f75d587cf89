// A `module` handler: the ES module's exported function is called with the hook input (parsed from
// the exact bytes a command hook would get on stdin) and a context; what it returns is read like a
// command's stdout (exit 0). A throw is a crash, the timeout applies to loading and calling, and a
// cancelled run abandons the call (context.signal tells the function). In-process by default;
// `"isolate": true` runs it in a worker thread that is terminated on timeout.
import type { HandlerConfig } from '../config/types.js';
import type { HandlerRun } from '../types.js';
import { loadHookFunction, ModuleLoadError, moduleVersion } from './load-module.js';
import { modulePath } from './module-path.js';
import { answerOf, describeThrown, type ModuleAnswer } from './module-value.js';

export interface RunModuleOptions {
  readonly stdin: string | Buffer;
  readonly event: string;
  readonly projectDir: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Characters of the answer kept. @default 1 MiB */
  readonly maxOutputBytes?: number;
}

type Ending = ModuleAnswer | { readonly error: string } | { readonly timedOut: true } | { readonly cancelled: true };

function handlerRun(ending: Ending, limit: number): HandlerRun {
  const base = { exitCode: null, timedOut: false, cancelled: false, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, stdoutTruncated: false };
  if ('stdout' in ending) {
    const bytes = Buffer.byteLength(ending.stdout);
    const truncated = ending.stdout.length > limit;
    return { ...base, exitCode: 0, stdout: truncated ? ending.stdout.slice(0, limit) : ending.stdout, stdoutBytes: bytes, stdoutTruncated: truncated };
  }
  if ('crash' in ending) return { ...base, crash: ending.crash };
  if ('error' in ending) return { ...base, error: ending.error };
  if ('timedOut' in ending) return { ...base, timedOut: true };
  return { ...base, cancelled: true };
}

async function inProcess(file: string, handler: HandlerConfig, input: string, context: Record<string, unknown>, signal: AbortSignal): Promise<Ending> {
  try {
    const fn = await loadHookFunction(file, handler.exportName ?? 'default');
    return answerOf(await fn(JSON.parse(input) as Record<string, unknown>, { ...context, signal }));
  } catch (error) {
    if (error instanceof ModuleLoadError) return { error: `cannot load ${handler.module}: ${error.message}` };
    return { crash: `threw ${describeThrown(error)}` };
  }
}

async function isolated(
  file: string,
  handler: HandlerConfig,
  input: string,
  context: Record<string, unknown>,
  signal: AbortSignal,
  timedOut: () => boolean,
): Promise<Ending> {
  let version: { version: string; url: string };
  try {
    version = moduleVersion(file);
  } catch (error) {
    return { error: `cannot load ${handler.module}: ${(error as Error).message}` };
  }
  const { callIsolated } = await import('./worker-pool.js');
  const reply = await callIsolated({ file, exportName: handler.exportName ?? 'default', ...version, input, context }, signal, timedOut);
  switch (reply.kind) {
    case 'value':
      return answerOf(reply.value);
    case 'throw':
      return { crash: reply.error };
    case 'load-error':
      return { error: `cannot load ${handler.module}: ${reply.error}` };
    case 'crash':
      return { crash: reply.error };
    case 'timeout':
      return { timedOut: true };
    case 'cancelled':
      return { cancelled: true };
  }
}

/** Runs a module hook; never rejects. */
export function runModule(handler: HandlerConfig, options: RunModuleOptions): Promise<HandlerRun> {
  const limit = options.maxOutputBytes ?? 1024 * 1024;
  const file = modulePath(handler, options.projectDir);
  const input = typeof options.stdin === 'string' ? options.stdin : options.stdin.toString('utf8');
  const context = {
    event: options.event,
    hookId: handler.id,
    projectDir: options.projectDir,
    cwd: options.cwd,
    env: { ...options.env },
    timeoutMs: options.timeoutMs,
  };
  const controller = new AbortController();
  let timedOut = false;
  return new Promise<HandlerRun>((resolve) => {
    let settled = false;
    const finish = (ending: Ending) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(handlerRun(ending, limit));
    };
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`${handler.id} timed out`, 'TimeoutError'));
      finish({ timedOut: true });
    }, options.timeoutMs);
    const onAbort = () => {
      controller.abort(options.signal!.reason);
      finish({ cancelled: true });
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const call = handler.isolate
      ? isolated(file, handler, input, context, controller.signal, () => timedOut)
      : inProcess(file, handler, input, context, controller.signal);
    call.then(finish, (error: unknown) => finish({ crash: `failed (${describeThrown(error)})` }));
  });
}
