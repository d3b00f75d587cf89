import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const BINS: Record<string, string> = {
  oracle: 'packages/oracle/bin/oracle.js',
  council: 'packages/council/bin/council.js',
  swarm: 'packages/swarm/bin/swarm.js',
  offload: 'packages/offload/bin/offload.js',
  'hook-executor': 'packages/hook-executor/bin/hook-executor.js',
  'hook-monitor': 'packages/hook-monitor/bin/hook-monitor.js',
};

export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface ToolOptions {
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Let the tool draw on our stderr (its progress line) instead of capturing it. */
  readonly inheritStderr?: boolean;
}

/** Runs one of the workspace's binaries as a user would, capturing stdout. */
export function runTool(tool: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolRun> {
  const bin = BINS[tool];
  if (!bin) throw new Error(`unknown tool ${tool}`);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    // The bin itself, not `node bin`: its shebang starts node with the V8 flags the CLI wants.
    const child = spawn(path.join(repoRoot, bin), args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', options.inheritStderr ? 'inherit' : 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - start,
      }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Fails the demo with the tool's own words when it did not succeed. */
export function expectOk(tool: string, run: ToolRun): ToolRun {
  if (run.code !== 0) {
    throw new Error(`${tool} exited with ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return run;
}
