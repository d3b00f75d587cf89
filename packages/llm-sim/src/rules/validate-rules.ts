import { SimError, describeValue } from '../errors.js';
import { compilePattern } from './regex.js';

const RULE_KEYS = new Set(['match', 'reply', 'replies', 'status', 'latencyMs', 'headers', 'times']);
const MATCH_KEYS = new Set(['persona', 'system', 'user', 'round', 'model']);

type Check = (where: string, message: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function validateRound(round: unknown, bad: Check): void {
  if (Number.isInteger(round)) return;
  if (isObject(round)) {
    const keys = Object.keys(round);
    const ok = keys.length > 0 && keys.every((k) => (k === 'gte' || k === 'lte') && Number.isInteger(round[k]));
    if (ok) return;
  }
  bad('match.round', `expected an integer or { "gte": n } / { "lte": n }, got ${describeValue(round)}`);
}

function validateMatch(match: unknown, bad: Check): void {
  if (!isObject(match)) bad('match', `expected an object, got ${describeValue(match)}`);
  for (const key of Object.keys(match)) {
    if (!MATCH_KEYS.has(key)) bad(`match.${key}`, 'unknown field (known: persona, system, user, round, model)');
  }
  for (const key of ['persona', 'model', 'system', 'user'] as const) {
    const value = match[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') bad(`match.${key}`, `expected a non-empty string, got ${describeValue(value)}`);
    if (key === 'system' || key === 'user') {
      try {
        compilePattern(value);
      } catch (error) {
        bad(`match.${key}`, `invalid regular expression: ${(error as Error).message}`);
      }
    }
  }
  if (match.round !== undefined) validateRound(match.round, bad);
}

function validateReplies(replies: unknown, bad: Check): void {
  if (!Array.isArray(replies) || replies.length === 0) bad('replies', `expected a non-empty array, got ${describeValue(replies)}`);
  replies.forEach((reply: unknown, i: number) => {
    if (!isObject(reply) || typeof reply.content !== 'string') bad(`replies[${i}].content`, 'expected a string');
    if (typeof reply.weight !== 'number' || !(reply.weight > 0) || !Number.isFinite(reply.weight)) {
      bad(`replies[${i}].weight`, `expected a number > 0, got ${describeValue(reply.weight)}`);
    }
  });
}

function validateRule(rule: unknown, bad: Check): void {
  if (!isObject(rule)) bad('', `expected an object, got ${describeValue(rule)}`);
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS.has(key)) bad(key, 'unknown field (known: match, reply, replies, status, latencyMs, headers, times)');
  }
  if (rule.match !== undefined) validateMatch(rule.match, bad);
  if (rule.reply !== undefined && rule.replies !== undefined) bad('replies', 'give either reply or replies, not both');
  if (rule.replies !== undefined) validateReplies(rule.replies, bad);
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || (rule.status as number) < 200 || (rule.status as number) > 599)) {
    bad('status', `expected an HTTP status from 200 to 599, got ${describeValue(rule.status)}`);
  }
  if (rule.latencyMs !== undefined && !isNonNegative(rule.latencyMs)) bad('latencyMs', `expected a number ≥ 0, got ${describeValue(rule.latencyMs)}`);
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || (rule.times as number) < 1)) {
    bad('times', `expected an integer ≥ 1, got ${describeValue(rule.times)}`);
  }
  if (rule.headers !== undefined) {
    if (!isObject(rule.headers) || !Object.values(rule.headers).every((v) => typeof v === 'string')) {
      bad('headers', 'expected an object of string values');
    }
  }
}

/**
 * Throws one SimError naming where the rules came from (`label`, e.g. "Rules file r.json"),
 * the rule index and the field at the first problem.
 */
export function validateRules(rules: readonly unknown[], label: string): void {
  rules.forEach((rule, index) => {
    const bad: Check = (where, message) => {
      const field = where ? `${where}: ` : '';
      throw new SimError('RULES_INVALID', `${label}: rule ${index}: ${field}${message}`);
    };
    validateRule(rule, bad);
  });
}
