import type { HandlerConfig } from '../config/types.js';
import type { HandlerRun } from '../types.js';
import { BoundedCapture } from './capture.js';

export interface RunHttpOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly body: string | Buffer;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxOutputBytes?: number;
}

/**
 * `$VAR` / `${VAR}` in header values: the variable's value when allowedEnvVars lists it, else empty
 * (as Claude Code 2.1.197 does: a variable that is not allowed, or not set, becomes "").
 */
function headerValue(value: string, allowed: readonly string[], env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_whole, a?: string, b?: string) => {
    const name = (a ?? b)!;
    return allowed.includes(name) ? (env[name] ?? '') : '';
  });
}

/**
 * An `http` handler: POSTs the input JSON; a 2xx body is read like a command's stdout (exit 0), any
 * other status is a non-blocking error. Uses node:http(s) only (nothing heavy on the run path).
 */
export async function runHttp(handler: HandlerConfig, options: RunHttpOptions): Promise<HandlerRun> {
  const url = new URL(handler.url ?? '');
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [k, v] of Object.entries(handler.headers ?? {})) headers[k] = headerValue(v, handler.allowedEnvVars ?? [], options.env);
  const body = new BoundedCapture(options.maxOutputBytes ?? 1024 * 1024);
  const base = { stderr: '', stderrBytes: 0, timedOut: false, cancelled: false };
  return new Promise((resolve) => {
    let timedOut = false;
    const req = request(url, { method: 'POST', headers, ...(options.signal ? { signal: options.signal } : {}) }, (res) => {
      res.on('data', (chunk: Buffer) => body.push(chunk));
      res.on('error', () => {});
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({
          ...base,
          exitCode: ok ? 0 : 1,
          status,
          stdout: ok ? body.text() : '',
          stdoutBytes: body.total,
          stderr: ok ? '' : `HTTP ${status}`,
          stdoutTruncated: body.truncated,
        });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        ...base,
        exitCode: null,
        timedOut,
        cancelled: !timedOut && options.signal?.aborted === true,
        ...(timedOut ? {} : { error: error.code ?? error.message }),
        stdout: '',
        stdoutBytes: body.total,
        stdoutTruncated: false,
      });
    });
    req.end(options.body);
  });
}
