import type { ChatRequest } from '../chat/parse-request.js';
import type { CompiledRule } from './compile-rules.js';

/** What rules are matched against, extracted once per request. */
export interface MatchInput {
  readonly model: string;
  /** All system/developer messages, joined by newlines. */
  readonly system: string;
  /** The last user message's text. */
  readonly user: string;
  /** The request's round, if any (header, else "Round N" in the last user message). */
  readonly round: number | undefined;
  /** The `x-fanout-persona` header, lower-cased, if sent. */
  readonly personaHeader: string | undefined;
}

function matches(rule: CompiledRule, input: MatchInput): boolean {
  if (rule.times !== undefined && rule.used >= rule.times) return false;
  if (rule.model !== undefined && rule.model !== input.model) return false;
  if (rule.hasRound && (input.round === undefined || input.round < rule.roundMin || input.round > rule.roundMax)) return false;
  if (rule.persona && rule.personaName !== input.personaHeader && !rule.persona.test(input.system)) return false;
  if (rule.system && !rule.system.test(input.system)) return false;
  if (rule.user && !rule.user.test(input.user)) return false;
  return true;
}

/** The first matching rule (counted against its `times`), or undefined. */
export function findRule(rules: readonly CompiledRule[], input: MatchInput): CompiledRule | undefined {
  for (const rule of rules) {
    if (matches(rule, input)) {
      rule.used++;
      return rule;
    }
  }
  return undefined;
}

const ROUND_TEXT = /\bround\s+(\d+)/i;

/** The round from the `x-fanout-round` header, else the first "Round N" in the last user message. */
export function requestRound(header: string | string[] | undefined, user: string): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value.trim() !== '') {
    const n = Number(value);
    if (Number.isInteger(n)) return n;
  }
  const found = ROUND_TEXT.exec(user);
  return found ? Number(found[1]) : undefined;
}

/** The first rule matching a chat request; the headers are those of the HTTP request, if any. */
export function ruleForRequest(
  rules: readonly CompiledRule[],
  request: ChatRequest,
  roundHeader: string | string[] | undefined,
  personaHeader: string | string[] | undefined,
): CompiledRule | undefined {
  if (rules.length === 0) return undefined;
  return findRule(rules, {
    model: request.model,
    system: request.system,
    user: request.user,
    round: requestRound(roundHeader, request.user),
    personaHeader: typeof personaHeader === 'string' ? personaHeader.toLowerCase() : undefined,
  });
}
