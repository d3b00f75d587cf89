import { exactNames, isRegexMatcher, matchesAll } from '../match/matcher.js';

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * One matcher that lets through everything any of `matchers` would (the executor re-matches each
 * hook itself, so over-matching costs only a spawn). undefined = match all.
 */
export function unionMatchers(matchers: readonly (string | undefined)[], strict = false): string | undefined {
  if (matchers.length === 0 || matchers.some(matchesAll)) return undefined;
  const list = matchers as string[];
  if (list.every((m) => !isRegexMatcher(m, strict))) {
    const names = [...new Set(list.flatMap(exactNames))];
    return names.length ? names.join('|') : undefined;
  }
  const parts = [...new Set(list)].map((m) =>
    isRegexMatcher(m, strict) ? `(?:${m})` : `^(?:${exactNames(m).map((n) => n.replace(SPECIAL, '\\$&')).join('|')})$`,
  );
  return parts.join('|');
}
