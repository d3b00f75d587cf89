import type { SimRule } from '../types.js';
import { compilePattern, wordPattern } from './regex.js';

export interface CompiledReply {
  readonly content: string;
  /** Whether `content` parses as JSON (JSON mode passes it through unchanged). */
  readonly isJson: boolean;
  /** Upper bound of this reply's slice of [0, 1). */
  readonly upTo: number;
}

export interface CompiledRule {
  readonly index: number;
  readonly persona?: RegExp;
  readonly personaName?: string;
  readonly system?: RegExp;
  readonly user?: RegExp;
  readonly roundMin: number;
  readonly roundMax: number;
  readonly hasRound: boolean;
  readonly model?: string;
  /** One entry for `reply`, several for `replies`, none for neither (the default answer). */
  readonly replies: readonly CompiledReply[];
  readonly status: number;
  readonly latencyMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly times?: number;
  /** How many requests this rule has answered (for `times`). */
  used: number;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function compileReplies(rule: SimRule): CompiledReply[] {
  if (rule.replies) {
    const total = rule.replies.reduce((sum, r) => sum + r.weight, 0);
    let acc = 0;
    return rule.replies.map((r, i, all) => {
      acc += r.weight;
      return { content: r.content, isJson: isJsonText(r.content), upTo: i === all.length - 1 ? 1 : acc / total };
    });
  }
  if (rule.reply === undefined) return [];
  const content = typeof rule.reply === 'string' ? rule.reply : JSON.stringify(rule.reply);
  return [{ content, isJson: isJsonText(content), upTo: 1 }];
}

/** Turns validated rules into matchers (regexes compiled once, replies pre-weighted). */
export function compileRules(rules: readonly SimRule[]): CompiledRule[] {
  return rules.map((rule, index) => {
    const m = rule.match ?? {};
    const round = m.round;
    const exact = typeof round === 'number' ? round : undefined;
    return {
      index,
      ...(m.persona !== undefined && { persona: wordPattern(m.persona), personaName: m.persona.toLowerCase() }),
      ...(m.system !== undefined && { system: compilePattern(m.system) }),
      ...(m.user !== undefined && { user: compilePattern(m.user) }),
      hasRound: round !== undefined,
      roundMin: exact ?? (typeof round === 'object' ? round.gte : undefined) ?? -Infinity,
      roundMax: exact ?? (typeof round === 'object' ? round.lte : undefined) ?? Infinity,
      ...(m.model !== undefined && { model: m.model }),
      replies: compileReplies(rule),
      status: rule.status ?? 200,
      ...(rule.latencyMs !== undefined && { latencyMs: rule.latencyMs }),
      ...(rule.headers !== undefined && { headers: rule.headers }),
      ...(rule.times !== undefined && { times: rule.times }),
      used: 0,
    };
  });
}
