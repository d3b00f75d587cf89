import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PersonaFileError, UnknownPersonaError } from '../errors.js';
import { nameFromFile, type Persona } from './persona.js';
import { personaDirs, type PersonaDir, type PersonaSearchOptions } from './persona-dirs.js';

interface Scan {
  /** First persona of each name, in search order. */
  readonly personas: Persona[];
  /** Files that could not be read, with the name they would have had. */
  readonly problems: { readonly name: string; readonly error: PersonaFileError }[];
}

// yaml is costly to import: it loads only when a persona file is read, not with the package.
let parser: Promise<typeof import('./parse-persona.js')> | undefined;

async function readDir({ dir, source }: PersonaDir): Promise<(Persona | { name: string; error: PersonaFileError })[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.md')).sort();
  } catch {
    return []; // a missing directory is the normal case
  }
  if (names.length === 0) return [];
  const { parsePersona } = await (parser ??= import('./parse-persona.js'));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      try {
        return parsePersona(await readFile(file, 'utf8'), { file, source });
      } catch (error) {
        const wrapped = error instanceof PersonaFileError ? error : new PersonaFileError(file, undefined, String(error), { cause: error });
        return { name: nameFromFile(file), error: wrapped };
      }
    }),
  );
}

async function scan(options: PersonaSearchOptions): Promise<Scan> {
  const perDir = await Promise.all(personaDirs(options).map(readDir));
  const seen = new Set<string>();
  const personas: Persona[] = [];
  const problems: Scan['problems'] = [];
  for (const entries of perDir) {
    for (const entry of entries) {
      const key = entry.name.toLowerCase();
      if ('error' in entry) {
        // A broken file still shadows later ones of its name: asking for it must report the error.
        if (!seen.has(key)) problems.push(entry);
        seen.add(key);
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      personas.push(entry);
    }
  }
  return { personas, problems };
}

/** Every persona that can be asked for, first of each name in search order, with its source. Throws on a malformed file. */
export async function listPersonas(options: PersonaSearchOptions = {}): Promise<Persona[]> {
  const { personas, problems } = await scan(options);
  if (problems[0]) throw problems[0].error;
  return personas;
}

/**
 * The personas named, in the order named. Unknown names throw UnknownPersonaError (listing the
 * known ones); a malformed file throws only when it is the one asked for.
 */
export async function findPersonas(names: readonly string[], options: PersonaSearchOptions = {}): Promise<Persona[]> {
  const { personas, problems } = await scan(options);
  const byName = new Map(personas.map((p) => [p.name.toLowerCase(), p]));
  return names.map((name) => {
    const key = name.toLowerCase();
    const found = byName.get(key);
    if (found) return found;
    const problem = problems.find((p) => p.name.toLowerCase() === key);
    if (problem) throw problem.error;
    throw new UnknownPersonaError(name, personas.map((p) => p.name));
  });
}
