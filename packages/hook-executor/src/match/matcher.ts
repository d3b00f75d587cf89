// Claude Code's matcher syntax (spec §1.3): "*", "" or omitted match all; a string of only
// [A-Za-z0-9_ ,|-] is a list of exact names split on | or ,; anything else is an unanchored
// JavaScript RegExp. Case-sensitive.

const EXACT = /^[A-Za-z0-9_ ,|-]*$/;
const EXACT_STRICT = /^[A-Za-z0-9_|]*$/;

export function matchesAll(matcher: string | undefined): boolean {
  return matcher === undefined || matcher === '' || matcher === '*';
}

/** Whether Claude Code treats the matcher as a regular expression. */
export function isRegexMatcher(matcher: string, strict = false): boolean {
  return !matchesAll(matcher) && !(strict ? EXACT_STRICT : EXACT).test(matcher);
}

/** The exact names of a non-regex matcher. */
export function exactNames(matcher: string): string[] {
  return matcher
    .split(/[|,]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

const regexCache = new Map<string, RegExp | null>();

function compile(matcher: string): RegExp | null {
  let re = regexCache.get(matcher);
  if (re === undefined) {
    try {
      re = new RegExp(matcher);
    } catch {
      re = null; // an invalid pattern matches nothing (validation reports it)
    }
    regexCache.set(matcher, re);
  }
  return re;
}

/** Whether `matcher` is a regular expression that does not compile (it matches nothing; validation reports it). */
export function isBrokenRegex(matcher: string | undefined, strict = false): boolean {
  return matcher !== undefined && isRegexMatcher(matcher, strict) && compile(matcher) === null;
}

/** Whether `target` (tool_name, source…) passes `matcher`, exactly as Claude Code decides. */
export function matcherMatches(matcher: string | undefined, target: string, strict = false): boolean {
  if (matchesAll(matcher)) return true;
  const m = matcher as string;
  if (!isRegexMatcher(m, strict)) {
    const names = exactNames(m);
    return names.length === 0 || names.includes(target);
  }
  return compile(m)?.test(target) ?? false;
}
