import { UsageError } from './errors.js';

/** How to find the answer inside a model's reply. */
export interface ExtractOptions {
  /** A regular expression (`pattern` or `/pattern/flags`); its first capture group, or the whole match. */
  readonly regex?: string | undefined;
  /** A field of a JSON object in the reply (dotted path, e.g. `result.answer`). */
  readonly jsonField?: string | undefined;
}

/** Returns the raw answer, or undefined when the reply holds none. */
export type Extractor = (content: string) => string | undefined;

const ANSWER_LINE = /(?:^|[^\p{L}])answer[*_]*\s*(?:is\s*)?[:：=][*_]*\s*(.*\S)/iu;
const BOXED = /\\boxed\{([^{}]*)\}/g;

/** Default: the last `Answer: X` line, else the last `\boxed{X}`, else the last non-empty line. */
export function extractDefault(content: string): string | undefined {
  let end = content.length;
  let lastLine: string | undefined;
  // Walk lines from the end without splitting the whole reply.
  while (end > 0) {
    const start = content.lastIndexOf('\n', end - 1) + 1;
    const line = content.slice(start, end).trim();
    end = start - 1;
    if (line.length === 0) continue;
    lastLine ??= line;
    const m = ANSWER_LINE.exec(line);
    if (m?.[1]) return m[1].trim();
  }
  let boxed: string | undefined;
  for (const m of content.matchAll(BOXED)) boxed = m[1];
  return boxed ?? lastLine;
}

function compileRegex(source: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(source);
  try {
    return literal ? new RegExp(literal[1]!, literal[2]!.replace('g', '')) : new RegExp(source);
  } catch (error) {
    throw new UsageError(`--extract ${JSON.stringify(source)}: not a valid regular expression (${(error as Error).message})`);
  }
}

function findJsonObject(content: string): unknown {
  const trimmed = content.trim();
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/.exec(content);
  if (fenced?.[1]) candidates.push(fenced[1]);
  const open = content.indexOf('{');
  const close = content.lastIndexOf('}');
  if (open !== -1 && close > open) candidates.push(content.slice(open, close + 1));
  for (const candidate of candidates) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (value !== null && typeof value === 'object') return value;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Builds the extractor once per run (the regex is compiled here, not per reply). */
export function createExtractor(options: ExtractOptions = {}): Extractor {
  if (options.regex !== undefined && options.jsonField !== undefined) throw new UsageError('use either --extract or --extract-json, not both');
  if (options.regex !== undefined) {
    const re = compileRegex(options.regex);
    return (content) => {
      const m = re.exec(content);
      if (!m) return undefined;
      return m.length > 1 ? m[1] : m[0];
    };
  }
  if (options.jsonField !== undefined) {
    const path = options.jsonField.split('.').filter((p) => p.length > 0);
    if (path.length === 0) throw new UsageError('--extract-json needs a field name, e.g. --extract-json answer');
    return (content) => {
      const value = readPath(findJsonObject(content), path);
      if (value === undefined || value === null) return undefined;
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    };
  }
  return extractDefault;
}
