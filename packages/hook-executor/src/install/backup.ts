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
  /** Permission bits (`0o600` …); absent in backups written before they were kept. */
  readonly mode?: number;
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
  if (bytes === undefined) return { path: file, existed: false };
  return { path: file, existed: true, content: bytes.toString('base64'), mode: fs.statSync(file).mode & 0o7777 };
}

/**
 * The file a path names: itself, or the end of its chain of symlinks (a dotfiles setup). A link
 * to nowhere is a one-line SETTINGS_INVALID error (checked before anything is written).
 */
export function resolveLinks(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return file; // a new file
  }
  if (!stat.isSymbolicLink()) return file;
  try {
    return fs.realpathSync(file);
  } catch (error) {
    throw new HookExecutorError(
      'SETTINGS_INVALID',
      `${file} is a symbolic link to ${fs.readlinkSync(file)}, which cannot be reached (${(error as NodeJS.ErrnoException).code}); fix or remove the link`,
    );
  }
}

/**
 * Atomic write (temp file + rename) so Claude Code never reads half a settings file. A symlink is
 * written through (the file it points to is replaced; the link stays a link), and the file keeps
 * its permission bits — or gets `mode` (a backup: 0600). The temp file is 0600 until then, so a
 * secret is never readable by others, not even for a moment.
 */
export function writeAtomic(file: string, content: string | Buffer, options: { readonly mode?: number } = {}): void {
  const target = resolveLinks(file);
  let mode = options.mode;
  try {
    mode ??= fs.statSync(target).mode & 0o7777;
  } catch {
    // a new file: the umask decides, as for any file the user creates
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: mode === undefined ? 0o666 : 0o600 });
  if (mode !== undefined) fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, target);
}

export function readManifest(files: ScopeFiles): BackupManifest | undefined {
  const bytes = readFileOrUndefined(files.backup);
  if (bytes === undefined) return undefined;
  return JSON.parse(bytes.toString('utf8')) as BackupManifest;
}

/**
 * Keeps the first backup (the state before any install); records what this install wrote. A file
 * this install did not write (`undefined`) keeps the hash an earlier install recorded for it.
 */
export function recordInstall(files: ScopeFiles, hashes: { settings: string | undefined; executor: string | undefined }): void {
  const written = {
    ...(hashes.settings !== undefined && { settings: hashes.settings }),
    ...(hashes.executor !== undefined && { executor: hashes.executor }),
  };
  const existing = readManifest(files);
  const manifest: BackupManifest = existing
    ? { ...existing, written: { ...existing.written, ...written } }
    : { v: 1, createdAt: new Date().toISOString(), settings: save(files.settings), executor: save(files.executor), written };
  writeAtomic(files.backup, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 }); // the settings' secrets (env, tokens) are in it
}

function restore(saved: SavedFile): void {
  if (saved.existed) writeAtomic(saved.path, Buffer.from(saved.content ?? '', 'base64'), saved.mode === undefined ? {} : { mode: saved.mode });
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
    writeAtomic(executorKeptAt, currentExecutor, { mode: 0o600 });
  }
  restore(manifest.settings);
  restore(manifest.executor);
  fs.rmSync(files.backup, { force: true });
  return { settingsRestored: files.settings, executorRestored: files.executor, ...(executorKeptAt ? { executorKeptAt } : {}) };
}
