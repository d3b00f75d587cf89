// Module hooks are imported once per file version: the cache key is the path plus its mtime and size,
// so an edited module is imported afresh (as a new module instance) on its next call. Modules it
// imports itself stay cached until the process ends.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export type HookFunction = (input: Record<string, unknown>, context: Record<string, unknown>) => unknown;

/** The module could not be found, imported, or has no such function (reported as "could not run"). */
export class ModuleLoadError extends Error {}

const imported = new Map<string, { readonly version: string; readonly module: Promise<Record<string, unknown>> }>();

/** The file's version (mtime and size) and its import URL; throws ModuleLoadError when it is missing. */
export function moduleVersion(file: string): { version: string; url: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new ModuleLoadError(`${(error as NodeJS.ErrnoException).code ?? 'cannot stat'} ${file}`);
  }
  const version = `${stat.mtimeMs}-${stat.size}`;
  return { version, url: `${pathToFileURL(file).href}?v=${version}` };
}

/** The exported function of a module hook, imported in this process (at most once per version). */
export async function loadHookFunction(file: string, exportName: string): Promise<HookFunction> {
  const { version, url } = moduleVersion(file);
  let entry = imported.get(file);
  if (entry?.version !== version) {
    entry = { version, module: import(url) as Promise<Record<string, unknown>> };
    imported.set(file, entry);
  }
  let module: Record<string, unknown>;
  try {
    module = await entry.module;
  } catch (error) {
    if (imported.get(file) === entry) imported.delete(file); // retry on the next call (e.g. a syntax error being fixed)
    throw new ModuleLoadError(`import failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const fn = module[exportName];
  if (typeof fn !== 'function') throw new ModuleLoadError(`export "${exportName}" is not a function (got ${typeof fn})`);
  return fn as HookFunction;
}
