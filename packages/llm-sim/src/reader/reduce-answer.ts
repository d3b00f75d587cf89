// The sim reducer: a short answer built only from what it was given, one bullet per finding (its
// claim, id and quote) or per partial answer, cut to fit `max_tokens` while staying valid JSON.

interface GivenFinding {
  readonly id: string;
  readonly claim?: string;
  readonly quote?: string;
  readonly answer?: string;
}

interface SimConflict {
  finding_ids: string[];
  issue: string;
}

function given(user: string): GivenFinding[] {
  const out: GivenFinding[] = [];
  for (const row of user.split('\n')) {
    if (!row.startsWith('{"id":')) continue;
    try {
      const value = JSON.parse(row) as GivenFinding;
      if (typeof value.id === 'string') out.push(value);
    } catch {
      // Not one of ours: ignore the line.
    }
  }
  return out;
}

/** Findings whose quotes are the same text with different numbers disagree on a value. */
function conflicts(findings: readonly GivenFinding[]): SimConflict[] {
  const byShape = new Map<string, GivenFinding[]>();
  for (const f of findings) {
    if (typeof f.quote !== 'string' || !/\d/.test(f.quote)) continue;
    const shape = f.quote.replace(/\s+/g, ' ').trim().replace(/\d+/g, '#');
    byShape.set(shape, [...(byShape.get(shape) ?? []), f]);
  }
  const out: SimConflict[] = [];
  for (const [shape, group] of byShape) {
    if (new Set(group.map((f) => f.quote!.replace(/\s+/g, ' ').trim())).size < 2) continue;
    out.push({ finding_ids: group.map((f) => f.id), issue: `different values for \`${shape.slice(0, 60)}\`` });
  }
  return out;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

export function reduceAnswer(user: string, maxTokens: number | undefined): string {
  const items = given(user);
  const found = conflicts(items);
  const maxChars = maxTokens === undefined ? Infinity : maxTokens * 4;
  const findings = items.filter((i) => i.answer === undefined);
  const head = findings.length > 0 ? `${findings.length} finding${findings.length === 1 ? '' : 's'} answer this:` : '';
  let answer = head;
  for (const item of items) {
    const bullet = item.answer !== undefined ? item.answer : `- ${item.claim ?? ''} [${item.id}]: \`${firstLine(item.quote ?? '')}\``;
    const next = answer === '' ? bullet : `${answer}\n${bullet}`;
    if (JSON.stringify({ answer: next, conflicts: found }).length > maxChars) break;
    answer = next;
  }
  return JSON.stringify({ answer, conflicts: found });
}
