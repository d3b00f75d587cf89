// `hook-executor run` handing its event to this user's warm server, as bin/hook-executor-run does
// (for registrations that call `run` directly, e.g. `install --mode command` or an older install):
// the hooks then start from the server's warm shells and pre-started interpreters. Only node:net and
// node:fs (every module costs start-up on this path); undefined whenever the server cannot take the
// event, and `run` runs the hooks itself.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stateDir } from '../config/paths.js';
import type { EmittedOutput } from '../result/emit.js';
import { forwardBody } from '../serve/forward-body.js';

/** This package's version (from its package.json, found upwards: this file may sit in a bundle). */
function packageVersion(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@fanout/hook-executor') return pkg.version;
    } catch {
      // not here
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

function serverPort(dir: string): number | undefined {
  try {
    const port = (JSON.parse(fs.readFileSync(path.join(dir, 'serve.json'), 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a socket of this user listens on 127.0.0.1:`port` (/proc/net/tcp): the environment goes
 * there, and a stale serve.json could name a port another user now holds.
 */
function listenerIsOurs(port: number): boolean {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  try {
    for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[1] === local && f[3] === '0A') return Number(f[7]) === process.getuid?.();
    }
  } catch {
    // no /proc: not Linux
  }
  return false;
}

/** The answer as `run` would print it, or undefined (no server, another version, a refusal, a cut answer). */
function parseAnswer(raw: Buffer): EmittedOutput | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = raw.subarray(0, end).toString('latin1').split('\r\n');
  if (!/^HTTP\/1\.1 200 /.test(head[0] ?? '')) return undefined;
  const header = (name: string) => head.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const code = Number(header('x-hook-executor-exit-code'));
  const out = Number(header('x-hook-executor-stdout-bytes'));
  const err = Number(header('x-hook-executor-stderr-bytes'));
  const body = raw.subarray(end + 4);
  if (![code, out, err].every(Number.isInteger) || body.length !== out + err) return undefined;
  return { exitCode: code, stdout: body.subarray(0, out).toString('utf8'), stderr: body.subarray(out).toString('utf8') };
}

export async function forwardToServer(argv: readonly string[], stdin: Buffer, env: NodeJS.ProcessEnv = process.env): Promise<EmittedOutput | undefined> {
  if (env.HOOK_EXECUTOR_NO_FORWARD) return undefined;
  const dir = stateDir(env);
  const port = serverPort(dir);
  const version = packageVersion();
  let token: string;
  try {
    token = fs.readFileSync(path.join(dir, 'token'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (port === undefined || !version || !listenerIsOurs(port)) return undefined;
  const body = forwardBody({ cwd: process.cwd(), argv, env, stdin });
  const head =
    `POST /forward HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nX-Hook-Executor-Version: ${version}\r\n` +
    `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.on('connect', () => socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body])));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks))));
  });
}
