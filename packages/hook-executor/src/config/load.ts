import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { checkEventGraph } from './graph-check.js';
import { assignIds } from './ids.js';
import type { ConfigLocation } from './paths.js';
import type { BreakerSettings, ConfigFile, ExecutorConfig, ExecutorOptions, HandlerConfig, HandlerDraft } from './types.js';
import { validateConfigFile } from './validate.js';

export const DEFAULT_BREAKER: BreakerSettings = { after: 3, coolOff: 600 };
export const DEFAULT_OPTIONS: ExecutorOptions = { concurrency: Infinity, failFast: false, failClosed: false, breaker: DEFAULT_BREAKER };

function jsonProblem(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return `is not valid JSON: ${error.message}`;
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `is not valid JSON at line ${line}, column ${column}: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/** Reads and validates one file; undefined when it does not exist. `text` skips the read (already done). */
export function readConfigFile(location: ConfigLocation, text?: string): ConfigFile | undefined {
  if (text === undefined) {
    try {
      text = fs.readFileSync(location.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && location.scope !== 'file') return undefined;
      throw new ConfigError('CONFIG_UNREADABLE', location.display, '', `cannot be read (${code ?? (error as Error).message})`, {
        cause: error,
      });
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // A broken file may still mean to fail closed; honour it when the text says so plainly.
    const failClosed = /"failClosed"\s*:\s*true/.test(text);
    throw new ConfigError('CONFIG_INVALID', location.display, '', jsonProblem(text, error as Error), { cause: error, failClosed });
  }
  return validateConfigFile(raw, location.display, path.dirname(location.path));
}

/** Merges files in order: handlers concatenate per event, later files' options win; then ids and the graph are checked. */
export function mergeConfigFiles(files: readonly ConfigFile[]): ExecutorConfig {
  const drafts = new Map<string, HandlerDraft[]>();
  let options: ExecutorOptions = DEFAULT_OPTIONS;
  for (const file of files) {
    const { breaker, ...rest } = file.options;
    // A file that sets some of the breaker's fields keeps the others from earlier files (or the defaults).
    const merged = breaker === undefined ? options.breaker : breaker === false ? false : { ...(options.breaker || DEFAULT_BREAKER), ...breaker };
    options = { ...options, ...rest, breaker: merged };
    for (const [event, handlers] of file.events) {
      const list = drafts.get(event) ?? [];
      list.push(...handlers);
      drafts.set(event, list);
    }
  }
  const events = new Map<string, HandlerConfig[]>();
  for (const [event, list] of drafts) {
    const ids = assignIds(list);
    const handlers = list.map((draft, i) => ({ ...draft, ...ids[i]! }) as HandlerConfig);
    checkEventGraph(event, handlers);
    events.set(event, handlers);
  }
  return { ...options, files: files.map((f) => f.file), events };
}

/**
 * Loads the executor's configuration from these locations (missing optional files are skipped).
 * Every file is read before the first problem is thrown, so that `failClosed` in any of them counts.
 */
export function loadConfig(locations: readonly ConfigLocation[]): ExecutorConfig {
  return loadConfigTexts(locations.map((location) => ({ location })));
}

/** Like loadConfig, with the texts of the files that were already read (`text` undefined = read it now). */
export function loadConfigTexts(texts: readonly { readonly location: ConfigLocation; readonly text?: string }[]): ExecutorConfig {
  const files: ConfigFile[] = [];
  let failClosed = false;
  let firstError: ConfigError | undefined;
  for (const { location, text } of texts) {
    try {
      const file = readConfigFile(location, text);
      if (!file) continue;
      files.push(file);
      if (file.options.failClosed !== undefined) failClosed = file.options.failClosed;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      firstError ??= error;
      if (error.failClosed) failClosed = true;
    }
  }
  try {
    if (firstError) throw firstError;
    return mergeConfigFiles(files);
  } catch (error) {
    if (error instanceof ConfigError && failClosed) throw error.asFailClosed();
    throw error;
  }
}
