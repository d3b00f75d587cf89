// Real hook scripts in real temp dirs, and configs built the way `run` builds them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfigFiles } from '../config/load.js';
import type { ExecutorConfig } from '../config/types.js';
import { validateConfigFile } from '../config/validate.js';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(PACKAGE_DIR, 'bin', 'hook-executor.js');

export function tempDir(prefix = 'hook-executor-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes an executable `sh` script and returns its path. */
export function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** JSON output of a hook, as a shell command printing it. */
export function printJson(value: unknown): string {
  return `printf '%s\\n' '${JSON.stringify(value).replace(/'/g, `'\\''`)}'`;
}

export function configOf(raw: unknown, file = 'test-config.json', baseDir?: string): ExecutorConfig {
  return mergeConfigFiles([validateConfigFile(raw, file, baseDir)]);
}

/** A config with one matcher group per event: `hooks` are handler objects or plain commands. */
export function simpleConfig(
  event: string,
  hooks: (string | Record<string, unknown>)[],
  extra: Record<string, unknown> = {},
  matcher?: string,
): ExecutorConfig {
  const handlers = hooks.map((h) => (typeof h === 'string' ? { type: 'command', command: h } : { type: 'command', ...h }));
  return configOf({ ...extra, hooks: { [event]: [{ ...(matcher === undefined ? {} : { matcher }), hooks: handlers }] } });
}

export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the real binary with `input` on stdin. */
export function runBin(
  args: readonly string[],
  options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: options.env ?? process.env,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - start }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Whether a process is running (a zombie waiting for a reaper that may never come is not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
