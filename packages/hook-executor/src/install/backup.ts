// The backup `uninstall` restores from: both files' exact bytes before the first install.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HookExecutorError } from '../errors.js';
import type { ScopeFiles } from './scope-files.js';

interface SavedFile {
  readonly path: string;
  readonly existed: boolean;
  /** base64 of the exact bytes. */
  readonly content?: string;
}

export interface BackupManifest {
  readonly v: 1;
  readonly createdAt: string;
  readonly settings: SavedFile;
  readonly executor: SavedFile;
  /** sha256 of what install last wrote to each file, to notice later hand edits. */
  readonly written: { readonly settings?: string; readonly executor?: string };
}

export function readFileOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function sha256(bytes: Buffer | string | undefined): string | undefined {
  return bytes === undefined ? undefined : createHash('sha256').update(bytes).digest('hex');
}

function save(file: string): SavedFile {
  const bytes = readFileOrUndefined(file);
  return bytes === undefined ? { path: file, existed: false } : { path: file, existed: true, content: bytes.toString('base64') };
}

/** Atomic write (temp file + rename) so Claude Code never reads half a settings file. */
export function writeAtomic(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export function readManifest(files: ScopeFiles): BackupManifest | undefined {
  const bytes = readFileOrUndefined(files.backup);
  if (bytes === undefined) return undefined;
  return JSON.parse(bytes.toString('utf8')) as BackupManifest;
}

/** Keeps the first backup (the state before any install); records what this install wrote. */
export function recordInstall(files: ScopeFiles, written: { settings?: string; executor?: string }): void {
  const existing = readManifest(files);
  const manifest: BackupManifest = existing
    ? { ...existing, written: { ...existing.written, ...written } }
    : { v: 1, createdAt: new Date().toISOString(), settings: save(files.settings), executor: save(files.executor), written };
  writeAtomic(files.backup, `${JSON.stringify(manifest, null, 2)}\n`);
}

function restore(saved: SavedFile): void {
  if (saved.existed) writeAtomic(saved.path, Buffer.from(saved.content ?? '', 'base64'));
  else fs.rmSync(saved.path, { force: true });
}

export interface RestoreResult {
  readonly settingsRestored: string;
  readonly executorRestored: string;
  /** Where a hand-edited executor file was kept before restoring. */
  readonly executorKeptAt?: string;
}

/** Puts both files back exactly as they were before the first install and removes the backup. */
export function restoreBackup(files: ScopeFiles, force: boolean): RestoreResult {
  const manifest = readManifest(files);
  if (!manifest) {
    throw new HookExecutorError('NO_BACKUP', `no backup at ${files.backup}: nothing to uninstall for --scope ${files.scope}`);
  }
  const currentSettings = sha256(readFileOrUndefined(files.settings));
  if (!force && manifest.written.settings !== undefined && currentSettings !== manifest.written.settings) {
    throw new HookExecutorError(
      'BACKUP_STALE',
      `${files.settings} changed since install; restoring the backup would drop those edits (use --force to restore anyway)`,
    );
  }
  let executorKeptAt: string | undefined;
  const currentExecutor = readFileOrUndefined(files.executor);
  if (currentExecutor !== undefined && manifest.written.executor !== undefined && sha256(currentExecutor) !== manifest.written.executor) {
    executorKeptAt = `${files.executor}.before-uninstall`;
    fs.writeFileSync(executorKeptAt, currentExecutor);
  }
  restore(manifest.settings);
  restore(manifest.executor);
  fs.rmSync(files.backup, { force: true });
  return { settingsRestored: files.settings, executorRestored: files.executor, ...(executorKeptAt ? { executorKeptAt } : {}) };
}
