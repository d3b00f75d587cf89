import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { PriceFileError, PriceTable, type PriceSource } from './price-table.js';

/**
 * Shipped with the package (`data/prices.json`). Found from oracle's package.json, like the built-in
 * personas: the CLIs' bundles hold this code in other packages' directories.
 */
export const BUILTIN_PRICES_FILE = path.join(path.dirname(createRequire(import.meta.url).resolve('@fanout/oracle/package.json')), 'data', 'prices.json');

export interface PriceSearchOptions {
  /** Project directory (its `.fanout/prices.json`). @default process.cwd() */
  readonly cwd?: string | undefined;
  /** Home directory. @default os.homedir() */
  readonly home?: string | undefined;
  /** For XDG_CONFIG_HOME. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The files laid over each other, later ones winning per model. */
export function priceFiles(options: PriceSearchOptions = {}): { file: string; source: PriceSource }[] {
  const cwd = options.cwd ?? process.cwd();
  const home = options.home ?? homedir();
  const configHome = (options.env ?? process.env)['XDG_CONFIG_HOME'] || path.join(home, '.config');
  return [
    { file: BUILTIN_PRICES_FILE, source: 'builtin' },
    { file: path.join(configHome, 'fanout', 'prices.json'), source: 'user' },
    { file: path.join(cwd, '.fanout', 'prices.json'), source: 'project' },
  ];
}

function readJson(file: string, source: PriceSource): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // Only the shipped file must exist; a user or project file is optional.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && source !== 'builtin') return undefined;
    throw new PriceFileError(file, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PriceFileError(file, '', `not JSON: ${(error as Error).message}`);
  }
}

/** Reads the shipped table and the user's and project's overrides; throws PriceFileError on a bad file. */
export function loadPrices(options: PriceSearchOptions = {}): PriceTable {
  const table = new PriceTable();
  for (const { file, source } of priceFiles(options)) {
    const document = readJson(file, source);
    if (document !== undefined) table.add(document, source, file);
  }
  return table;
}
