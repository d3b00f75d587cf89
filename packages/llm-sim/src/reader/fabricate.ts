import type { ChunkLine } from './chunk-text.js';

/**
 * A quote a careless reader might produce: the real one with its numbers changed (a misremembered
 * value), else with a few words appended. Never text the chunk holds, so verification must catch it.
 */
export function fabricate(quote: string, lines: readonly ChunkLine[]): string {
  const chunk = lines.map((l) => l.text).join('\n');
  let fake = /\d/.test(quote) ? quote.replace(/\d/g, (d) => String((Number(d) + 3) % 10)) : `${quote} // checked upstream`;
  while (chunk.includes(fake)) fake += ' (sic)';
  return fake;
}
