import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerConfig } from '../config/types.js';
import { commandLine } from './command-line.js';

export interface BackgroundOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: string | Buffer;
}

/**
 * Starts a `background: true` hook and forgets it: its own session, no pipes to us, unref'd.
 * Its stdin is an unlinked temp file holding the input, so the hook can read all of it at its own
 * pace after the executor has exited (a pipe would block or truncate). Returns an error text or undefined.
 */
export function startBackground(handler: HandlerConfig, options: BackgroundOptions): { pid?: number; error?: string } {
  const { file, args } = commandLine(handler, options.env);
  const tmp = path.join(os.tmpdir(), `hook-executor-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  let fd = -1;
  try {
    fd = fs.openSync(tmp, 'w+', 0o600);
    const bytes = typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin;
    fs.writeSync(fd, bytes, 0, bytes.length, 0); // positioned: the shared offset stays at 0 for the reader
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: [fd, 'ignore', 'ignore'], detached: true });
    child.on('error', () => {
      // Reported nowhere but the record: a background hook gives no decision by definition.
    });
    child.unref();
    return child.pid === undefined ? { error: 'spawn failed' } : { pid: child.pid };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    if (fd >= 0) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}
