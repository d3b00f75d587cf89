// A real `hook-executor serve` process for tests: its own state dir, monitor dir and HOME.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { alive, BIN, sleep, tempDir } from './fixtures.js';

export interface ServeEnv {
  readonly dir: string;
  readonly state: string;
  readonly monitor: string;
  readonly env: NodeJS.ProcessEnv;
}

export function serveEnv(): ServeEnv {
  const dir = tempDir('hook-executor-serve-');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const state = path.join(dir, 'state');
  const monitor = path.join(dir, 'monitor');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, HOOK_EXECUTOR_STATE_DIR: state, HOOK_MONITOR_DIR: monitor };
  delete env.CLAUDE_PROJECT_DIR;
  return { dir, state, monitor, env };
}

export interface RunningServe {
  readonly url: string;
  readonly pid: number;
  readonly token: string;
  readonly child: ChildProcess;
  /** The server's stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts `serve` in the foreground (a child of the test) and waits until serve.json has its URL. */
export async function startServe(s: ServeEnv, args: readonly string[] = ['--port', '0']): Promise<RunningServe> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: s.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const state = JSON.parse(fs.readFileSync(path.join(s.state, 'serve.json'), 'utf8')) as { pid: number; url?: string };
      if (state.url && state.pid === child.pid) {
        const token = fs.readFileSync(path.join(s.state, 'token'), 'utf8').trim();
        return {
          url: state.url,
          pid: state.pid,
          token,
          child,
          log: () => stderr,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) {
              const exited = new Promise((resolve) => child.once('exit', resolve));
              child.kill('SIGTERM');
              await exited;
            }
          },
        };
      }
    } catch {
      // not written yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${stderr}`);
    await sleep(20);
  }
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a hook input as Claude Code does (JSON body, the Authorization header). */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

export function hookPost(server: RunningServe, event: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return post(`${server.url}/hooks/${event}`, input, { authorization: `Bearer ${server.token}`, ...headers });
}

/** hook-monitor records written so far. */
export function records(s: ServeEnv): { source: string; event: string; run_id: string; hooks: { id: string; decision?: string }[] }[] {
  const file = path.join(s.monitor, 'runs.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** Live `serve` processes using this state dir (read from /proc: our own processes' environments). */
export function serversOf(s: ServeEnv): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('hook-executor') || !cmdline.includes('\0serve')) continue;
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (environ.includes(`HOOK_EXECUTOR_STATE_DIR=${s.state}\0`) && alive(Number(entry))) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

/** One server for a whole test file: started before the first test, stopped after the last. */
export function serverForFile(
  beforeAll: (fn: () => Promise<void>) => void,
  afterAll: (fn: () => Promise<void>) => void,
): { readonly s: ServeEnv; readonly server: RunningServe } {
  const holder = {} as { s: ServeEnv; server: RunningServe };
  beforeAll(async () => {
    holder.s = serveEnv();
    holder.server = await startServe(holder.s);
  });
  afterAll(async () => holder.server.stop());
  return holder;
}
