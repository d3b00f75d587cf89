// A generated corpus on disk: hundreds of source-like files with facts planted at known lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Needle {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];

/** A deterministic filler line that never holds the needle words. */
function filler(file: number, line: number): string {
  const w = (k: number) => WORDS[(file * 7 + line * 3 + k) % WORDS.length]!;
  if (line % 9 === 0) return '';
  if (line % 9 === 1) return `export function ${w(0)}${line}(${w(1)}: number): number {`;
  if (line % 9 === 8) return '}';
  return `  const ${w(2)}_${line} = ${w(3)}(${line % 17}) + ${w(4)}.length; // ${w(5)} ${w(6)}`;
}

export interface CorpusOptions {
  readonly files: number;
  readonly linesPerFile: number;
  /** Plant a needle in every `every`-th file. */
  readonly every: number;
}

/** Writes `files` files under `dir`/src (in folders of 50) and returns the needles planted. */
export function writeCorpus(dir: string, options: CorpusOptions): Needle[] {
  const needles: Needle[] = [];
  for (let f = 0; f < options.files; f++) {
    const rel = `src/mod${Math.floor(f / 50)}/file${f}.ts`;
    const lines = Array.from({ length: options.linesPerFile }, (_, i) => filler(f, i + 1));
    if (f % options.every === 0) {
      const line = 5 + ((f * 13) % (options.linesPerFile - 10));
      const text = `  const ZEPHYR_QUOKKA_THRESHOLD_${f} = ${100 + f}; // zephyr quokka threshold`;
      lines[line - 1] = text;
      needles.push({ file: rel, line, text });
    }
    mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), `${lines.join('\n')}\n`);
  }
  return needles;
}

export const NEEDLE_QUESTION = 'Where is the zephyr quokka threshold set?';
