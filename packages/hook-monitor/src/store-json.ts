// Small JSON files beside the store's records (import marks, budgets): read with one-line errors,
// written private and atomically (temp file + rename), so a crash leaves the old file or the new one.
import fs from 'node:fs';
import path from 'node:path';
import { HookMonitorError } from './errors.js';

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/** The parsed file, `missing` when it does not exist; `fix` says what to do when it is not valid. */
export function readStoreJson<T>(dir: string, name: string, isValid: (value: unknown) => value is T, missing: T, fix: string): T {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return missing;
    throw new HookMonitorError('STORE_UNREADABLE', `cannot read ${file} (${codeOf(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (isValid(value)) return value;
  throw new HookMonitorError('STORE_UNREADABLE', `${file} is damaged; ${fix}`);
}

export function writeStoreJson(dir: string, name: string, value: unknown): void {
  const file = path.join(dir, name);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, `${JSON.stringify(value)}\n`, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (error) {
    throw new HookMonitorError('WRITE_FAILED', `cannot write ${file} (${codeOf(error)})`);
  }
}
