// Reads the arbiter's verdict tolerantly. Anything that cannot be read counts as "not converged"
// and says why (`parse_error`); it never throws.
import { extractJson, isObject } from './json-extract.js';
import type { CouncilVerdict } from './types.js';

const YES = new Set(['true', 'yes', 'y', 'converged', '1']);
const NO = new Set(['false', 'no', 'n', 'not converged', 'diverged', '0']);

/** true / false, or undefined when the value is no recognisable yes or no. */
function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (YES.has(word)) return true;
    if (NO.has(word)) return false;
  }
  return undefined;
}

/** Looks a key up case-insensitively. */
function field(object: Record<string, unknown>, ...names: string[]): unknown {
  for (const [key, value] of Object.entries(object)) {
    if (names.includes(key.toLowerCase())) return value;
  }
  return undefined;
}

const hasConverged = (value: unknown): boolean => isObject(value) && field(value, 'converged') !== undefined;

export function parseVerdict(text: string): CouncilVerdict {
  const raw = text.trim();
  const found = extractJson(raw, hasConverged) ?? extractJson(raw, isObject);
  if (!isObject(found)) {
    return { converged: false, synthesis: raw, parse_error: 'no JSON object in the arbiter\'s answer' };
  }
  const synthesisValue = field(found, 'synthesis', 'summary');
  const synthesis = typeof synthesisValue === 'string' ? synthesisValue.trim() : raw;
  const convergedValue = field(found, 'converged');
  const converged = readBoolean(convergedValue);
  if (converged === undefined) {
    const why = convergedValue === undefined ? 'no "converged" field' : `"converged" is ${JSON.stringify(convergedValue)}`;
    return { converged: false, synthesis, parse_error: `${why} in the arbiter's verdict` };
  }
  if (typeof synthesisValue !== 'string') {
    return { converged: false, synthesis, parse_error: 'no "synthesis" text in the arbiter\'s verdict' };
  }
  return { converged, synthesis };
}
