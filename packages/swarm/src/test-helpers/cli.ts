// Runs the built `swarm` binary as a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SWARM_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/swarm.js');

// Node flags with a loader hook that fails the process once it loads undici, openai or llm-sim.
const hook = 'export async function load(url, context, next) { if (/\\/(undici|openai|llm-sim)\\//.test(url)) throw new Error(`loaded ${url}`); ' +
  'return next(url, context); }';
const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
export const REFUSE_HEAVY_MODULES = ['--import', `data:text/javascript,${encodeURIComponent(register)}`];

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Starts `swarm args…` with CI set (no spinner) and no key unless `env` gives one; `done` resolves
 * when it exits. `nodeArgs` go to node itself.
 */
export function startCli(
  args: readonly string[],
  cwd?: string,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [...nodeArgs, SWARM_BIN, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(
  args: readonly string[],
  cwd?: string,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  return startCli(args, cwd, nodeArgs, env).done;
}
