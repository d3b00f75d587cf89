// Anonymisation: what one council member sees of the others. Answers are shown as "Response A, B, …"
// in an order drawn from a seeded shuffle (so position says nothing about who wrote what, yet the
// same council always builds the same prompts), and persona names are scrubbed from their text.

/** "A".."Z", then "AA", "AB", … */
export function responseLabel(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${responseLabel(Math.floor(index / 26) - 1)}${letter}`;
}

/** FNV-1a of the key: the seed of one shuffle. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough to order a handful of answers. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle of `items` that depends only on `key`. */
export function stableShuffle<T>(items: readonly T[], key: string): T[] {
  const out = [...items];
  const next = random(hash(key));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every persona name (as a whole word, any case) so an answer cannot say who wrote it. */
export function scrubNames(text: string, names: readonly string[]): string {
  const words = names.filter((name) => name.trim() !== '').map(escapeRegExp);
  if (words.length === 0) return text;
  // Longest first so "code-reviewer" goes before "code"; hyphens count as word characters in names.
  words.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w-])(?:${words.join('|')})(?![\\w-])`, 'gi');
  return text.replace(pattern, '[redacted]');
}

export interface Labelled<T> {
  readonly label: string;
  readonly item: T;
}

/** Shuffles `items` by `key` and labels them A, B, … in the shuffled order. */
export function labelAnonymously<T>(items: readonly T[], key: string): Labelled<T>[] {
  return stableShuffle(items, key).map((item, index) => ({ label: responseLabel(index), item }));
}
