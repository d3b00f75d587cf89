// The price table: per provider and model, US dollars per million tokens, from the file shipped with
// oracle (data/prices.json, dated) with the user's and the project's files laid over it. A model not
// in it has no price: its cost is unknown, never guessed.
import { OracleError } from '../errors.js';

/** Where a price came from. */
export type PriceSource = 'builtin' | 'user' | 'project';

/** US dollars per million tokens. */
export interface ModelPrice {
  /** Prompt tokens not read from a cache. */
  readonly input: number;
  /** Prompt tokens read from the provider's cache. @default `input` (no discount unless the table says so) */
  readonly cached_input: number;
  /** Prompt tokens written to the cache (Anthropic). @default `input` */
  readonly cache_write: number;
  readonly output: number;
}

/** How a provider caches prompt prefixes on its own: from `min_tokens`, in steps of `block_tokens`. */
export interface CacheRule {
  readonly min_tokens: number;
  readonly block_tokens: number;
}

/** A price as found for one provider and model, with where it came from. */
export interface ResolvedPrice extends ModelPrice {
  readonly provider: string;
  readonly model: string;
  readonly source: PriceSource;
  /** The date of the file it came from, when that file gives one. */
  readonly date: string | undefined;
  /** Share taken off by the provider's Batch API (0.5 = half price). */
  readonly batch_discount: number;
  /** Share taken off by the provider's flex tier (OpenAI's `service_tier: "flex"`); 0 where it has none. */
  readonly flex_discount: number;
}

interface ProviderEntry {
  free: boolean;
  batchDiscount: number | undefined;
  flexDiscount: number | undefined;
  cache: CacheRule | null | undefined;
  vendors: Record<string, string>;
  models: Map<string, { price: ModelPrice; source: PriceSource; date: string | undefined }>;
}

/** A price file that cannot be used: the message names the file and the JSON path. */
export class PriceFileError extends OracleError {
  readonly file: string;
  constructor(file: string, where: string, problem: string) {
    // USAGE: a mistake the user fixes in their own file, reported like a bad flag (exit 2).
    super('USAGE', `${file}: ${where ? `${where}: ` : ''}${problem}`);
    this.name = 'PriceFileError';
    this.file = file;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function rate(file: string, where: string, value: unknown, optional: boolean): number | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PriceFileError(file, where, `expected a number of dollars per million tokens ≥ 0, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

function readModel(file: string, where: string, value: unknown): ModelPrice {
  if (!isObject(value)) throw new PriceFileError(file, where, 'expected an object {"input", "output", "cached_input"?, "cache_write"?}');
  for (const key of Object.keys(value)) {
    if (!['input', 'output', 'cached_input', 'cache_write'].includes(key)) throw new PriceFileError(file, `${where}.${key}`, 'unknown field');
  }
  const input = rate(file, `${where}.input`, value['input'], false)!;
  return {
    input,
    output: rate(file, `${where}.output`, value['output'], false)!,
    cached_input: rate(file, `${where}.cached_input`, value['cached_input'], true) ?? input,
    cache_write: rate(file, `${where}.cache_write`, value['cache_write'], true) ?? input,
  };
}

function discount(file: string, where: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw new PriceFileError(file, where, 'expected a share from 0 to below 1 (0.5 = half price)');
  return value;
}

function readCache(file: string, where: string, value: unknown): CacheRule | null {
  if (value === null) return null;
  const ok = isObject(value) && [value['min_tokens'], value['block_tokens']].every((n) => Number.isInteger(n) && (n as number) >= 1);
  if (!ok) throw new PriceFileError(file, where, 'expected {"min_tokens": integer ≥ 1, "block_tokens": integer ≥ 1} or null');
  return { min_tokens: value['min_tokens'] as number, block_tokens: value['block_tokens'] as number };
}

/** Strips a release date from a model id: `gpt-4o-mini-2024-07-18`, `claude-haiku-4-5-20251001`. */
function undated(model: string): string {
  return model.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
}

/** The merged table; `add` lays one more file over what is there. */
export class PriceTable {
  readonly #providers = new Map<string, ProviderEntry>();
  /** The date of the shipped table. */
  date: string | undefined;

  /** Validates a parsed price file and lays it over the table; throws PriceFileError naming `file` and the JSON path. */
  add(document: unknown, source: PriceSource, file: string): void {
    if (!isObject(document) || !isObject(document['providers'])) throw new PriceFileError(file, '', 'expected {"providers": {"<provider>": {"models": {…}}}}');
    const date = typeof document['date'] === 'string' ? document['date'] : undefined;
    if (source === 'builtin') this.date = date;
    for (const [name, raw] of Object.entries(document['providers'])) {
      const where = `providers.${name}`;
      if (!isObject(raw)) throw new PriceFileError(file, where, 'expected an object');
      const entry = this.#entry(name);
      if (raw['free'] !== undefined) entry.free = raw['free'] === true;
      if (raw['batch_discount'] !== undefined) entry.batchDiscount = discount(file, `${where}.batch_discount`, raw['batch_discount']);
      if (raw['flex_discount'] !== undefined) entry.flexDiscount = discount(file, `${where}.flex_discount`, raw['flex_discount']);
      if (raw['cache'] !== undefined) entry.cache = readCache(file, `${where}.cache`, raw['cache']);
      if (isObject(raw['vendors'])) for (const [vendor, provider] of Object.entries(raw['vendors'])) entry.vendors[vendor] = String(provider);
      if (raw['models'] === undefined) continue;
      if (!isObject(raw['models'])) throw new PriceFileError(file, `${where}.models`, 'expected an object of model → price');
      for (const [model, price] of Object.entries(raw['models'])) {
        entry.models.set(model, { price: readModel(file, `${where}.models.${model}`, price), source, date });
      }
    }
  }

  #entry(name: string): ProviderEntry {
    let entry = this.#providers.get(name);
    if (!entry) {
      entry = { free: false, batchDiscount: undefined, flexDiscount: undefined, cache: undefined, vendors: {}, models: new Map() };
      this.#providers.set(name, entry);
    }
    return entry;
  }

  /** The price of `model` on `provider`, or undefined when the table has none (its cost is then unknown). */
  lookup(provider: string, model: string): ResolvedPrice | undefined {
    const entry = this.#providers.get(provider);
    if (!entry) return undefined;
    const discounts = { batch_discount: entry.batchDiscount ?? 0, flex_discount: entry.flexDiscount ?? 0 };
    if (entry.free) return { provider, model, input: 0, cached_input: 0, cache_write: 0, output: 0, source: 'builtin', date: this.date, ...discounts };
    const found = entry.models.get(model) ?? entry.models.get(undated(model));
    if (found) return { provider, model, ...found.price, source: found.source, date: found.date, ...discounts };
    // A gateway (OpenRouter) names models `vendor/model` and bills the vendor's list price.
    const slash = model.indexOf('/');
    const vendor = slash > 0 ? entry.vendors[model.slice(0, slash)] : undefined;
    if (vendor === undefined || vendor === provider) return undefined;
    const rest = model.slice(slash + 1);
    const via = this.lookup(vendor, rest) ?? this.lookup(vendor, rest.replace(/\./g, '-'));
    return via && { ...via, provider, model, ...discounts };
  }

  /** The provider's own prompt-cache rule (for estimates), or undefined when it caches nothing by itself. */
  cacheRule(provider: string, model: string): CacheRule | undefined {
    const entry = this.#providers.get(provider);
    const slash = model.indexOf('/');
    const vendor = slash > 0 ? entry?.vendors[model.slice(0, slash)] : undefined;
    if (entry?.cache === undefined && vendor !== undefined && vendor !== provider) return this.cacheRule(vendor, model.slice(slash + 1));
    return entry?.cache ?? undefined;
  }
}
