import { HookExecutorError } from '../errors.js';

/** Parses a JSON object file's text; '' or undefined is an empty object. */
export function parseObject(text: string | undefined, file: string): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HookExecutorError('SETTINGS_INVALID', `${file}: is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HookExecutorError('SETTINGS_INVALID', `${file}: must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Serializes like the original text: same indent, same final newline (2 spaces and a newline for new files). */
export function formatLike(value: unknown, original: string | undefined): string {
  const indent = original ? (/^([ \t]+)"/m.exec(original)?.[1] ?? 2) : 2;
  const newline = original === undefined || original === '' || original.endsWith('\n');
  return JSON.stringify(value, null, indent) + (newline ? '\n' : '');
}

/** The new text, or the original when the content is the same (formatting is never churned). */
export function textIfChanged(value: unknown, original: string | undefined): string | undefined {
  if (original !== undefined && original.trim() !== '') {
    try {
      if (JSON.stringify(JSON.parse(original)) === JSON.stringify(value)) return original;
    } catch {
      // the original is broken; write ours
    }
  }
  return formatLike(value, original);
}
