// Where `hook-monitor import` stopped in each transcript: its inode, a hash of its first bytes and the
// byte after the last whole line read. Re-importing starts there, so nothing is imported twice; a file
// replaced (new inode, or a reused inode with other first bytes) or shrunk is read again from its start.
import { readStoreJson, writeStoreJson } from './store-json.js';

export const IMPORT_STATE_FILE = 'transcript-import.json';
export const HEAD_BYTES = 256;

export interface FileMark {
  readonly ino: number;
  /** sha1 of the first HEAD_BYTES bytes (fewer when the file was shorter). */
  readonly head: string;
  readonly offset: number;
}

export interface ImportState {
  readonly v: 1;
  readonly files: Record<string, FileMark>;
}

const isImportState = (value: unknown): value is ImportState =>
  (value as ImportState | undefined)?.v === 1 && typeof (value as ImportState).files === 'object' && (value as ImportState).files !== null;

export function readImportState(storeDir: string): ImportState {
  return readStoreJson(storeDir, IMPORT_STATE_FILE, isImportState, { v: 1, files: {} }, 'remove it to import everything again');
}

export function writeImportState(storeDir: string, state: ImportState): void {
  writeStoreJson(storeDir, IMPORT_STATE_FILE, state);
}
