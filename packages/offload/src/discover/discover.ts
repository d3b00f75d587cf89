import { stat } from 'node:fs/promises';
import path from 'node:path';
import { OffloadError } from '../errors.js';
import { estimateTokens } from '../tokens.js';
import type { SkippedFile } from '../types.js';
import { gitFiles } from './git-files.js';
import { globBase, globToRegExp, isGlob } from './glob.js';
import { readTextFile, type SourceFile } from './read-file.js';
import { walkFiles } from './walk.js';

export const STDIN_NAME = '<stdin>';

export interface DiscoverOptions {
  readonly paths: readonly string[];
  readonly stdin?: string | undefined;
  readonly cwd: string;
  readonly includeUntracked: boolean;
  readonly maxFileBytes: number;
}

export interface Corpus {
  /** Text files in the order given (each argument's files sorted by path). */
  readonly files: readonly SourceFile[];
  readonly skipped: readonly SkippedFile[];
}

/** One file of the corpus as it is read: its text, or why it was skipped. */
export type CorpusEntry = { readonly file: SourceFile } | { readonly skipped: SkippedFile };

const toSlash = (p: string): string => p.split(path.sep).join('/');

/** How a file is named in findings: relative to cwd when inside it, else as given. */
function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return toSlash(rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel);
}

function* under(dir: string, rel: Iterable<string>): Generator<string> {
  for (const f of rel) yield path.join(dir, f);
}

/**
 * The files of a directory: git's view when it is in a work tree (and git lists any), else every
 * file, listed lazily as it is iterated (see walkFiles).
 */
async function filesUnder(dir: string, includeUntracked: boolean): Promise<Iterable<string>> {
  const listed = await gitFiles(dir, includeUntracked);
  return under(dir, listed !== undefined && listed.length > 0 ? listed : walkFiles(dir));
}

async function expandGlob(cwd: string, glob: string, includeUntracked: boolean): Promise<string[]> {
  const pattern = path.posix.normalize(toSlash(glob));
  const absolute = path.isAbsolute(pattern);
  const re = globToRegExp(pattern);
  let candidates: string[] = [];
  try {
    // Listed in full: whether the glob matches anything is known before anything is read.
    candidates = [...(await filesUnder(path.resolve(cwd, globBase(pattern)), includeUntracked))];
  } catch {
    // A base directory that does not exist matches nothing.
  }
  return candidates.filter((abs) => re.test(absolute ? toSlash(abs) : toSlash(path.relative(cwd, abs))));
}

/** Turns one argument into absolute file paths; a missing path or an empty glob is an E_INPUT. */
async function expand(cwd: string, arg: string, includeUntracked: boolean): Promise<Iterable<string>> {
  const abs = path.resolve(cwd, arg);
  let info;
  try {
    info = await stat(abs);
  } catch (error) {
    if (isGlob(arg)) {
      const matched = await expandGlob(cwd, arg, includeUntracked);
      if (matched.length === 0) throw new OffloadError('E_INPUT', `${arg}: the glob matches no files`);
      return matched;
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new OffloadError('E_INPUT', `${arg}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot read it (${code})`}`);
  }
  if (info.isDirectory()) {
    try {
      return await filesUnder(abs, includeUntracked);
    } catch (error) {
      throw new OffloadError('E_INPUT', `${arg}: cannot list the directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return [abs];
}

function* unique(lists: readonly Iterable<string>[]): Generator<string> {
  const seen = new Set<string>();
  for (const list of lists) {
    for (const abs of list) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      yield abs;
    }
  }
}

/**
 * Every file the paths name, deduplicated, in order: files, directories (git-aware: tracked files,
 * untracked ones only when asked, .gitignore honoured) and globs. Every path is checked first: one
 * that does not exist, a directory that cannot be listed or a glob that matches nothing is an E_INPUT
 * before anything is read. Directories outside git are then listed as the result is iterated, so
 * reading (and the first model calls) start before the whole tree is listed. Iterate it once.
 */
export async function expandPaths(options: DiscoverOptions): Promise<Iterable<string>> {
  const lists: Iterable<string>[] = [];
  for (const arg of options.paths) lists.push(await expand(options.cwd, arg, options.includeUntracked));
  return unique(lists);
}

function stdinEntry(text: string): CorpusEntry {
  if (text.includes('\0')) return { skipped: { path: STDIN_NAME, reason: 'binary' } };
  if (text.trim() === '') return { skipped: { path: STDIN_NAME, reason: 'empty' } };
  return { file: { path: STDIN_NAME, text, bytes: Buffer.byteLength(text), tokens: estimateTokens(text) } };
}

/**
 * Reads the files in order, one at a time as the consumer asks, so that work on the first files
 * (and the first model calls) starts while the rest are still unread. Binary, oversized and
 * unreadable files come out as skipped, with the reason; stdin comes last.
 */
export async function* readCorpus(wanted: Iterable<string>, options: DiscoverOptions): AsyncGenerator<CorpusEntry> {
  for (const abs of wanted) {
    const outcome = readTextFile(abs, options.maxFileBytes);
    const name = displayPath(options.cwd, abs);
    yield outcome.ok
      ? { file: { path: name, text: outcome.text, bytes: outcome.bytes, tokens: estimateTokens(outcome.text) } }
      : { skipped: { path: name, reason: outcome.reason } };
  }
  if (options.stdin !== undefined) yield stdinEntry(options.stdin);
}

/** The E_INPUT for a corpus with no readable file, naming why the first few were skipped. */
export function nothingToRead(skipped: readonly SkippedFile[]): OffloadError {
  const why = skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`);
  const more = skipped.length > 3 ? `, and ${skipped.length - 3} more` : '';
  return new OffloadError('E_INPUT', skipped.length === 0 ? 'no files to read' : `nothing to read (${why.join('; ')}${more})`);
}

/** Finds and reads the whole corpus; nothing readable at all is an E_INPUT. */
export async function discover(options: DiscoverOptions): Promise<Corpus> {
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  for await (const entry of readCorpus(await expandPaths(options), options)) {
    if ('file' in entry) files.push(entry.file);
    else skipped.push(entry.skipped);
  }
  if (files.length === 0) throw nothingToRead(skipped);
  return { files, skipped };
}
