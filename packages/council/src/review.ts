// The optional peer-review pass: each member ranks the others' anonymised answers (never its own),
// and the rankings become Borda points the arbiter is shown.
import { extractJson, isObject } from './json-extract.js';

/**
 * Reads a ranking of `labels` from a reviewer's answer: `{"ranking": ["B", "A"]}`, a bare array, or
 * prose such as "B > A" / "1. Response B". Labels it does not mention are left out; throws when none is found.
 */
export function parseRanking(text: string, labels: readonly string[]): string[] {
  const known = new Set(labels);
  const toLabel = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const label = value.trim().replace(/^response\s+/i, '').toUpperCase();
    return known.has(label) ? label : undefined;
  };
  const found = extractJson(text, (value) => Array.isArray(value) || (isObject(value) && Array.isArray(value['ranking'])));
  const list = Array.isArray(found) ? found : isObject(found) ? (found['ranking'] as unknown[]) : undefined;
  let ranking = (list ?? []).map(toLabel).filter((label): label is string => label !== undefined);
  if (ranking.length === 0) {
    // Prose: "Response B" mentions in order of appearance, or a bare list such as "B > A > C".
    const mentions = [...text.matchAll(/\bresponse\s+([A-Z]{1,2})\b/gi)].map((m) => m[1]!);
    const bareList = /^\s*[A-Z]{1,2}(?:\s*[>,;]?\s*[A-Z]{1,2})*\s*\.?\s*$/.test(text);
    const bare = bareList ? [...text.matchAll(/\b([A-Z]{1,2})\b/g)].map((m) => m[1]!) : [];
    ranking = (mentions.length > 0 ? mentions : bare).map(toLabel).filter((label): label is string => label !== undefined);
  }
  const unique = [...new Set(ranking)];
  if (unique.length === 0) throw new Error(`no ranking of ${labels.join(', ')} in the review`);
  return unique;
}

/** Borda count: in a ranking of n labels the best gets n-1 points, the worst 0. */
export function bordaPoints(rankings: readonly (readonly string[])[]): Map<string, number> {
  const points = new Map<string, number>();
  for (const ranking of rankings) {
    for (const [index, label] of ranking.entries()) points.set(label, (points.get(label) ?? 0) + ranking.length - 1 - index);
  }
  return points;
}
