import { Hash53, unitFromHash } from '../hash.js';
import { parseChunk, questionOf, type ChunkLine } from './chunk-text.js';
import { contentWords, wordsIn, wordsNeeded } from './content-words.js';
import { fabricate } from './fabricate.js';

export interface SimFinding {
  claim: string;
  file: string;
  line_start: number;
  line_end: number;
  quote: string;
}

const MAX_FINDINGS = 8;
const MAX_LINES_PER_FINDING = 4;

interface Run {
  readonly lines: ChunkLine[];
  readonly words: Set<string>;
}

/** Consecutive matching lines of one file, each run at most MAX_LINES_PER_FINDING long. */
function matchingRuns(lines: readonly ChunkLine[], words: readonly string[]): Run[] {
  const need = wordsNeeded(words.length);
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const line of lines) {
    const found = wordsIn(line.text, words);
    if (found.length < need) {
      current = undefined;
      continue;
    }
    const prev = current?.lines.at(-1);
    if (!current || !prev || prev.file !== line.file || prev.line + 1 !== line.line || current.lines.length >= MAX_LINES_PER_FINDING) {
      current = { lines: [], words: new Set() };
      runs.push(current);
    }
    current.lines.push(line);
    for (const w of found) current.words.add(w);
  }
  return runs;
}

/**
 * The reader's answer to a map request, as offload's `offload_findings` schema wants it: the lines
 * holding the question's content words, quoted exactly; a `fabricateRate` share of the quotes is
 * replaced by text that is not in the chunk (decided by the request hash, so reruns agree).
 */
const NOTHING = JSON.stringify({ relevant: false, findings: [], confidence: 0 });

/** Whether the chunk's text (after the question) holds enough distinct content words for any line to. */
function mayMatch(user: string, words: readonly string[]): boolean {
  const at = user.indexOf('<file ');
  if (at < 0) return false;
  return wordsIn(user.slice(at), words).length >= wordsNeeded(words.length);
}

export function mapAnswer(user: string, hash: number, fabricateRate: number, maxTokens: number | undefined): string {
  const words = contentWords(questionOf(user));
  // Most chunks hold none of the words: answer those without splitting them into lines.
  if (words.length === 0 || !mayMatch(user, words)) return NOTHING;
  const chunk = parseChunk(user);
  const runs = matchingRuns(chunk.lines, words).slice(0, MAX_FINDINGS);
  let confidence = 0;
  const findings: SimFinding[] = runs.map((run, index) => {
    const first = run.lines[0]!;
    const last = run.lines.at(-1)!;
    const share = run.words.size / words.length;
    if (share > confidence) confidence = share;
    let quote = run.lines.map((l) => l.text).join('\n');
    if (fabricateRate > 0 && unitFromHash(new Hash53().update(String(hash)).update('fabricate').update(String(index)).digest()) < fabricateRate) {
      quote = fabricate(quote, chunk.lines);
    }
    return { claim: `Mentions ${[...run.words].join(', ')}.`, file: first.file, line_start: first.line, line_end: last.line, quote };
  });
  const maxChars = maxTokens === undefined ? Infinity : maxTokens * 4;
  let json = '';
  // Fewer findings rather than JSON cut off by max_tokens.
  for (;;) {
    json = JSON.stringify({ relevant: findings.length > 0, findings, confidence: findings.length > 0 ? Math.round(confidence * 100) / 100 : 0 });
    if (json.length <= maxChars || findings.length === 0) return json;
    findings.pop();
  }
}
