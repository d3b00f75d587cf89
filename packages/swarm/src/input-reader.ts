import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { InputError, UsageError } from './errors.js';
import { MAX_LINE_BYTES, fileKind, readLines } from './line-reader.js';

/** One prompt from `--input prompts.jsonl`. */
export interface InputPrompt {
  readonly id: string;
  readonly prompt: string;
  readonly persona?: string;
  /** 1-based line number in the file. */
  readonly line: number;
  /** 0-based position among valid prompts (the default seed when the id is not a number). */
  readonly index: number;
}

export interface InputScan {
  /** Valid prompts. */
  readonly count: number;
  /** Malformed lines skipped (only with `skipInvalid`). */
  readonly invalid: number;
  /** First problems seen when skipping, for a warning (at most 5). */
  readonly problems: readonly string[];
  /** Valid ids → their line; used to tell whether a results line belongs to this input. */
  readonly ids: ReadonlyMap<string, number>;
  /** Distinct `persona` values named by the lines (resolved once, before the run). */
  readonly personas: ReadonlySet<string>;
  /** sha256 (hex) of the valid lines: what the work was made from, to tell a resumed run it changed. */
  readonly digest: string;
}

export interface InputOptions {
  /** Skip and count malformed lines instead of stopping at the first. @default false */
  readonly skipInvalid?: boolean | undefined;
}

type Parsed = { ok: true; id: string; prompt: string; persona?: string } | { ok: false; problem: string };

function parseLine(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'expected a JSON object like {"id":"1","prompt":"…"}' };
  const v = value as Record<string, unknown>;
  let id: string;
  if (typeof v.id === 'string' && v.id.length > 0) id = v.id;
  else if (typeof v.id === 'number' && Number.isFinite(v.id)) id = String(v.id);
  else return { ok: false, problem: v.id === undefined ? 'missing "id"' : `"id" must be a non-empty string or a number, got ${JSON.stringify(v.id)}` };
  if (typeof v.prompt !== 'string' || v.prompt.trim().length === 0) {
    return { ok: false, problem: v.prompt === undefined ? 'missing "prompt"' : '"prompt" must be a non-empty string' };
  }
  if (v.persona !== undefined && v.persona !== null && (typeof v.persona !== 'string' || v.persona.length === 0)) {
    return { ok: false, problem: '"persona" must be a non-empty string' };
  }
  return typeof v.persona === 'string' ? { ok: true, id, prompt: v.prompt, persona: v.persona } : { ok: true, id, prompt: v.prompt };
}

/**
 * Validates the whole file before any call is made: JSON per line, `id` and `prompt` present, ids
 * unique. Only ids are kept in memory; prompts are read again, lazily, by `readInput`.
 * Throws InputError (`FILE:LINE: problem`) on the first bad line unless `skipInvalid`.
 */
export function scanInput(path: string, options: InputOptions = {}): InputScan {
  let kind: string | undefined;
  try {
    kind = fileKind(statSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--input ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`}`);
  }
  // A FIFO or device could not be read twice (checked first, then run), and some never end.
  if (kind !== undefined) throw new UsageError(`--input ${path} is ${kind}; give a JSONL file of {"id","prompt"} lines`);
  const hash = createHash('sha256');
  const ids = new Map<string, number>();
  const personas = new Set<string>();
  let invalid = 0;
  const problems: string[] = [];
  for (const l of readLines(path)) {
    if (!l.overlong && l.text.trim().length === 0) continue;
    const parsed: Parsed = l.overlong ? { ok: false, problem: `longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB` } : parseLine(l.text);
    let problem: string | undefined;
    if (!parsed.ok) problem = parsed.problem;
    else {
      const first = ids.get(parsed.id);
      if (first !== undefined) problem = `duplicate id ${JSON.stringify(parsed.id)} (first on line ${first})`;
      else {
        ids.set(parsed.id, l.line);
        hash.update(l.text).update('\n');
        if (parsed.persona !== undefined) personas.add(parsed.persona);
      }
    }
    if (problem !== undefined) {
      // Duplicates are refused even with --skip-invalid: silently picking one would lose a prompt.
      if (!options.skipInvalid || problem.startsWith('duplicate id')) throw new InputError(path, l.line, problem);
      invalid++;
      if (problems.length < 5) problems.push(`${path}:${l.line}: ${problem}`);
    }
  }
  return { count: ids.size, invalid, problems, ids, personas, digest: hash.digest('hex') };
}

/** Streams the valid prompts of a file that `scanInput` accepted, in file order. */
export function* readInput(path: string): Generator<InputPrompt> {
  const seen = new Set<string>(); // guards against the file changing between the scan and the run
  let index = 0;
  for (const l of readLines(path)) {
    if (l.overlong || l.text.trim().length === 0) continue;
    const parsed = parseLine(l.text);
    if (!parsed.ok || seen.has(parsed.id)) continue;
    seen.add(parsed.id);
    yield parsed.persona === undefined
      ? { id: parsed.id, prompt: parsed.prompt, line: l.line, index: index++ }
      : { id: parsed.id, prompt: parsed.prompt, persona: parsed.persona, line: l.line, index: index++ };
  }
}
