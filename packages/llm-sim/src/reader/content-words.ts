// The sim reader decides relevance the way a keyword grep would: a line is relevant when it holds
// enough of the question's content words. Crude, but deterministic, and it finds planted facts.

const STOPWORDS = new Set(
  (
    'the a an and or but of to in on at by for with from into onto about as is are was were be been being ' +
    'do does did done doing have has had what where when which who whom whose why how that this these those ' +
    'there here it its we our you your they their them he she his her i me my can could should would will ' +
    'shall may might must not no yes any all some each every find show tell list give get got make made use ' +
    'used uses using set sets defined define way ways thing things code file files line lines'
  ).split(' '),
);

/** Lower-cased words of ≥ 3 letters, stopwords dropped, light suffixes cut so `signatures` matches `signature`. */
export function contentWords(question: string): string[] {
  const words = new Set<string>();
  for (const raw of question.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOPWORDS.has(raw)) continue;
    words.add(stem(raw));
  }
  return [...words];
}

function stem(word: string): string {
  if (word.length >= 6 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length >= 6 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length >= 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The content words `line` contains (as substrings, so `maxRetries` holds `max` and `retrie`). */
export function wordsIn(line: string, words: readonly string[]): string[] {
  const lower = line.toLowerCase();
  return words.filter((word) => lower.includes(word));
}

/** How many of `k` content words a line needs: half, rounded up, and two when there are two or more. */
export function wordsNeeded(k: number): number {
  return Math.max(Math.min(k, 2), Math.ceil(k / 2));
}
