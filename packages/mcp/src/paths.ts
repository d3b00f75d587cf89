// Paths in tool arguments are relative to the server's working directory (under Claude Code, the
// project). Files a tool writes when the caller named none go to one temp directory, and their
// paths are returned, so the caller can read them.
import { mkdir, stat } from 'node:fs/promises';
import { invalidArgument } from './errors.js';
import os from 'node:os';
import path from 'node:path';

export function resolvePath(cwd: string, file: string): string {
  return path.resolve(cwd, file);
}

/** A new file name under `<tmp>/fanout-mcp/`, e.g. `swarm-20260131-142501-k3x9.jsonl`. */
export async function newOutputFile(prefix: string, extension: string): Promise<string> {
  const dir = path.join(os.tmpdir(), 'fanout-mcp');
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const tag = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  return path.join(dir, `${prefix}-${stamp}-${tag}.${extension}`);
}

/** `file` resolved, once its directory is known to exist: checked before any model is called. */
export async function writableFile(cwd: string, file: string, argument: string): Promise<string> {
  const target = resolvePath(cwd, file);
  const dir = await stat(path.dirname(target)).catch(() => undefined);
  if (!dir?.isDirectory()) throw invalidArgument(`${argument} ${file}: no such directory ${path.dirname(target)}`);
  return target;
}
