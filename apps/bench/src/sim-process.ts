// llm-sim in a process of its own (so a client's CPU is its own) and a node child whose stdout is
// kept: what suites that time a tool against the simulator share.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SIM_BIN = path.join(REPO_ROOT, 'packages/llm-sim/bin/llm-sim.js');

export interface SimProcess {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/v1` */
  readonly baseURL: string;
  /** CPU time (user + system, ms) the simulator has used so far, from /proc; undefined where there is none. */
  cpuMs(): number | undefined;
  close(): Promise<void>;
}

/** utime + stime of a process in ms (Linux: /proc/PID/stat, in clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Starts `llm-sim --port 0 …args` and waits for the port it prints. */
export async function startSimProcess(args: readonly string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, [SIM_BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`llm-sim exited (${code}) before printing its port`)));
  });
  lines.on('line', () => undefined); // keep draining
  const { port } = JSON.parse(first) as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    cpuMs: () => processCpuMs(child.pid),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `cmd args…` (CI set: no spinners) and resolves with its output; a non-zero exit rejects with its stderr's end. */
export function runChild(cmd: string, args: readonly string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${path.basename(cmd === process.execPath ? (args[0] ?? 'node') : cmd)} exited ${code}: ${stderr.slice(-800)}`));
    });
  });
}

/** Runs `node args…` and resolves with its stdout. */
export async function runNode(args: readonly string[], cwd?: string): Promise<string> {
  return (await runChild(process.execPath, args, cwd)).stdout;
}
