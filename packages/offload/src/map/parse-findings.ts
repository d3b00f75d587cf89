import { parseJsonObject } from '../parse-json.js';

/** One finding as a reader reported it (not yet verified). */
export interface RawFinding {
  readonly claim: string;
  readonly file: string;
  readonly line_start: number;
  readonly line_end: number;
  readonly quote: string;
}

export interface MapAnswer {
  readonly relevant: boolean;
  readonly findings: readonly RawFinding[];
  readonly confidence: number;
}

function asLine(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** A finding with the fields it needs; anything else (a missing quote, a line 0) is dropped. */
function finding(value: unknown): RawFinding | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const f = value as Record<string, unknown>;
  const start = asLine(f.line_start);
  const end = asLine(f.line_end) ?? start;
  if (typeof f.file !== 'string' || typeof f.quote !== 'string' || start === undefined || end === undefined) return undefined;
  const claim = typeof f.claim === 'string' ? f.claim.trim() : '';
  return { claim, file: f.file.trim().replace(/^\.\//, ''), line_start: Math.min(start, end), line_end: Math.max(start, end), quote: f.quote };
}

/** Reads a reader's answer; throws E_BAD_ANSWER when it is not a JSON object at all. */
export function parseMapAnswer(content: string): MapAnswer {
  const json = parseJsonObject(content);
  const listed = Array.isArray(json.findings) ? json.findings.map(finding).filter((f): f is RawFinding => f !== undefined) : [];
  const confidence = typeof json.confidence === 'number' && Number.isFinite(json.confidence) ? Math.min(1, Math.max(0, json.confidence)) : 0.5;
  // A chunk the reader calls irrelevant is dropped here, whatever it cited anyway.
  const relevant = json.relevant !== false && listed.length > 0;
  return { relevant, findings: relevant ? listed : [], confidence };
}
