// The no-hook fast path of `run`: most events have no hook of their own (Claude Code calls the
// executor for every event it is registered for), so before loading validation, the graph and the
// process runner, look at the raw files: if no group of this event can match, there is nothing to do.
import fs from 'node:fs';
import type { ConfigLocation } from '../config/paths.js';
import { eventSpec, matchTarget } from '../events.js';
import type { HookInput } from '../types.js';
import { isBrokenRegex, matcherMatches } from '../match/matcher.js';

/** A config file's text as read once; undefined when the file does not exist. */
export interface ConfigText {
  readonly location: ConfigLocation;
  readonly text?: string;
}

export function readConfigTexts(locations: readonly ConfigLocation[]): ConfigText[] {
  return locations.map((location) => {
    try {
      return { location, text: fs.readFileSync(location.path, 'utf8') };
    } catch {
      return { location }; // missing or unreadable: the full path reports what matters
    }
  });
}

/**
 * True only when it is certain that no handler of `event` can run for `input`. Anything unusual
 * (a parse error, an odd shape, a missing `--config` file) answers false, so the full path
 * validates and reports it.
 */
export function certainlyNothingToRun(texts: readonly ConfigText[], event: string, input: HookInput): boolean {
  const spec = eventSpec(event);
  const target = matchTarget(event, input) ?? '';
  for (const { location, text } of texts) {
    if (text === undefined) {
      if (location.scope === 'file') return false;
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return false;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
    const hooks = (raw as { hooks?: unknown }).hooks;
    if (hooks === undefined) continue;
    if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) return false;
    const groups = (hooks as Record<string, unknown>)[event];
    if (groups === undefined) continue;
    if (!Array.isArray(groups)) return false;
    for (const group of groups as unknown[]) {
      if (typeof group !== 'object' || group === null) return false;
      const { matcher, hooks: handlers } = group as { matcher?: unknown; hooks?: unknown };
      if (!Array.isArray(handlers)) return false;
      if (handlers.length === 0) continue;
      if (matcher !== undefined && typeof matcher !== 'string') return false;
      if (isBrokenRegex(matcher, spec.strictExactSet)) return false; // a config error on this event's path
      if (spec.matcherField === undefined || matcherMatches(matcher as string | undefined, target, spec.strictExactSet)) return false;
    }
  }
  return true;
}
