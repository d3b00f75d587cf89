import { parse as parseYAML, YAMLParseError } from 'yaml';
import { PersonaFileError } from '../errors.js';
import { nameFromFile, type Persona, type PersonaSource } from './persona.js';

// Claude Code's subagent `model` values are aliases of its own, not API model names.
const CLAUDE_MODEL_ALIASES = new Set(['inherit', 'sonnet', 'opus', 'haiku']);

export interface ParsePersonaOptions {
  /** Named in errors; its base name is the persona's name when the front matter has none. */
  readonly file: string;
  readonly source: PersonaSource;
}

interface Split {
  /** YAML text, undefined when the file has no front matter. */
  readonly yaml: string | undefined;
  readonly body: string;
}

function split(text: string, file: string): Split {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!src.startsWith('---\n') && src !== '---') return { yaml: undefined, body: src };
  const end = src.indexOf('\n---', 3);
  const afterEnd = end === -1 ? -1 : end + 4;
  if (end === -1 || (afterEnd < src.length && src[afterEnd] !== '\n')) {
    throw new PersonaFileError(file, 1, 'front matter starts with --- but has no closing --- line');
  }
  return { yaml: src.slice(4, end + 1), body: src.slice(afterEnd + 1) };
}

/** Claude Code tolerates `description: Use when: …` (invalid YAML); read such files line by line. */
function lenientFields(yaml: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of yaml.split('\n')) {
    const match = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    out[match[1]!] = match[1] === 'temperature' && value !== '' ? Number(value) : value;
  }
  return out;
}

function fields(yaml: string, options: ParsePersonaOptions): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYAML(yaml);
  } catch (error) {
    if (options.source === 'claude-project' || options.source === 'claude-user') return lenientFields(yaml);
    const line = error instanceof YAMLParseError && error.linePos ? error.linePos[0].line + 1 : undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') : String(error);
    throw new PersonaFileError(options.file, line, `invalid YAML front matter: ${reason}`, { cause: error });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new PersonaFileError(options.file, 2, 'front matter must be a mapping of fields');
  return data as Record<string, unknown>;
}

function optionalString(data: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new PersonaFileError(file, undefined, `\`${key}\` must be a string, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** Reads a persona file: YAML front matter (`name`, `description`, `model`, `temperature`), body = system prompt. */
export function parsePersona(text: string, options: ParsePersonaOptions): Persona {
  const { yaml, body } = split(text, options.file);
  const data = yaml === undefined ? {} : fields(yaml, options);
  const name = optionalString(data, 'name', options.file) ?? nameFromFile(options.file);
  let model = optionalString(data, 'model', options.file);
  if (model && (options.source === 'claude-project' || options.source === 'claude-user') && CLAUDE_MODEL_ALIASES.has(model)) model = undefined;
  const temperature = data['temperature'];
  if (temperature !== undefined && temperature !== null && (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2))) {
    throw new PersonaFileError(options.file, undefined, `\`temperature\` must be a number from 0 to 2, got ${JSON.stringify(temperature)}`);
  }
  return {
    name,
    description: optionalString(data, 'description', options.file) ?? '',
    model,
    temperature: typeof temperature === 'number' ? temperature : undefined,
    prompt: body.trim(),
    source: options.source,
    path: options.file,
  };
}
