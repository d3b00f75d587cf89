import { readFileSync } from 'node:fs';
import { SimError } from '../errors.js';
import type { SimRule } from '../types.js';
import { validateRules } from './validate-rules.js';

/**
 * Reads a JSON rules file (an array of rules, or `{ "rules": [...] }`) and validates it.
 * Synchronous so `setOptions` can swap rules in place; files are small.
 */
export function loadRulesFile(file: string): SimRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SimError('RULES_READ', `Cannot read rules file ${file}: ${reason}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SimError('RULES_JSON', `Rules file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const rules = Array.isArray(data) ? data : (data as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) {
    throw new SimError('RULES_INVALID', `Rules file ${file}: expected an array of rules or { "rules": [...] }`);
  }
  validateRules(rules, `Rules file ${file}`);
  return rules as SimRule[];
}
