import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** One endpoint of a several-endpoint run (`--endpoint` / `--endpoints FILE`). */
export interface EndpointSpec {
  /** Shown in the summary; unique in a run. */
  readonly name: string;
  /** Base URL of an OpenAI-compatible API, e.g. `http://gpu1:8000/v1`. */
  readonly url: string;
  /** The environment variable holding this endpoint's key (never the key itself). */
  readonly keyEnv?: string;
  /** Its concurrency ceiling is `weight × --concurrency`. @default 1 */
  readonly weight: number;
  /** Model asked on this endpoint, over `--model` and personas' models. */
  readonly model?: string;
}

const NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;
const ENV = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkSpec(
  spec: { name: string; url: string; keyEnv?: string | undefined; weight?: number | undefined; model?: string | undefined },
  where: string,
): EndpointSpec {
  if (!NAME.test(spec.name)) throw new UsageError(`${where}: name ${JSON.stringify(spec.name)} must be letters, digits, . _ or - (e.g. gpu1)`);
  try {
    const url = new URL(spec.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`${where}: ${JSON.stringify(spec.url)} is not an http(s) URL`);
  }
  if (spec.keyEnv !== undefined && !ENV.test(spec.keyEnv))
    throw new UsageError(`${where}: key-env must name an environment variable, got ${JSON.stringify(spec.keyEnv)}`);
  const weight = spec.weight ?? 1;
  if (!(Number.isFinite(weight) && weight > 0 && weight <= 1000)) throw new UsageError(`${where}: weight must be a number > 0, got ${spec.weight}`);
  if (spec.model !== undefined && spec.model.trim() === '') throw new UsageError(`${where}: model= needs a model name`);
  return {
    name: spec.name,
    url: spec.url,
    weight,
    ...(spec.keyEnv !== undefined ? { keyEnv: spec.keyEnv } : {}),
    ...(spec.model !== undefined ? { model: spec.model } : {}),
  };
}

/** Parses `NAME=URL[,key-env=VAR][,weight=W][,model=M]`; throws UsageError naming the flag. */
export function parseEndpointFlag(text: string, where = '--endpoint'): EndpointSpec {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${where} ${JSON.stringify(text)}: expected NAME=URL[,key-env=VAR][,weight=W][,model=M]`);
  const [url = '', ...options] = text.slice(eq + 1).split(',');
  const spec: { name: string; url: string; keyEnv?: string; weight?: number; model?: string } = { name: text.slice(0, eq).trim(), url: url.trim() };
  for (const option of options) {
    const at = option.indexOf('=');
    const key = option.slice(0, at).trim();
    const value = option.slice(at + 1).trim();
    if (at <= 0) throw new UsageError(`${where} ${spec.name}: ${JSON.stringify(option)} is not key=value (key-env, weight or model)`);
    if (key === 'key-env') spec.keyEnv = value;
    else if (key === 'weight') spec.weight = value === '' ? NaN : Number(value);
    else if (key === 'model') spec.model = value;
    else throw new UsageError(`${where} ${spec.name}: unknown option ${JSON.stringify(key)} (key-env, weight or model)`);
  }
  return checkSpec(spec, `${where} ${spec.name}`);
}

/**
 * Reads `--endpoints FILE`: a JSON array of `{"name","url","key_env"?,"weight"?,"model"?}`, or one
 * `NAME=URL,…` per line (blank lines and `#` comments skipped).
 */
export function readEndpointsFile(file: string): EndpointSpec[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--endpoints ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (text.trimStart().startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--endpoints ${file}: not valid JSON (${(error as Error).message})`);
    }
    return (list as unknown[]).map((entry, i) => {
      const where = `${file}[${i}]`;
      if (entry === null || typeof entry !== 'object') throw new UsageError(`${where}: expected {"name","url",…}`);
      const e = entry as Record<string, unknown>;
      for (const key of ['name', 'url']) if (typeof e[key] !== 'string') throw new UsageError(`${where}: "${key}" must be a string`);
      for (const key of ['key_env', 'model'])
        if (e[key] !== undefined && typeof e[key] !== 'string') throw new UsageError(`${where}: "${key}" must be a string`);
      if (e.weight !== undefined && typeof e.weight !== 'number') throw new UsageError(`${where}: "weight" must be a number`);
      return checkSpec(
        {
          name: e.name as string,
          url: e.url as string,
          keyEnv: e.key_env as string | undefined,
          weight: e.weight as number | undefined,
          model: e.model as string | undefined,
        },
        where,
      );
    });
  }
  const specs: EndpointSpec[] = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) specs.push(parseEndpointFlag(trimmed, `${file}:${i + 1}`));
  });
  return specs;
}

/** The endpoints of a run from both flags: at least one, names unique. */
export function endpointSpecs(flags: readonly string[], file: string | undefined): EndpointSpec[] {
  const specs = [...(file === undefined ? [] : readEndpointsFile(file)), ...flags.map((f) => parseEndpointFlag(f))];
  if (file !== undefined && specs.length === 0) throw new UsageError(`--endpoints ${file} names no endpoint`);
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name)) throw new UsageError(`endpoint name ${JSON.stringify(spec.name)} is used twice`);
    names.add(spec.name);
  }
  return specs;
}
