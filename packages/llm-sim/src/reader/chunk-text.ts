// Reads back what offload's map prompt holds: the question and the numbered lines of each file.
//   Question: …
//   <file path="src/a.ts" lines="1-3">
//   1| first line
//   …
//   </file>

export interface ChunkLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export interface ChunkText {
  readonly question: string;
  readonly lines: readonly ChunkLine[];
}

const OPEN = /^<file path="(.*)" lines="(\d+)-(\d+)">$/;
const NUMBERED = /^(\d+)\| ?(.*)$/;

/** The question: the text after `Question:` up to the first blank line. */
export function questionOf(text: string): string {
  const at = text.indexOf('Question:');
  if (at < 0) return '';
  const rest = text.slice(at + 'Question:'.length);
  const end = rest.search(/\n\s*\n/);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

export function parseChunk(text: string): ChunkText {
  const rows = text.split('\n');
  const lines: ChunkLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const open = OPEN.exec(rows[i]!);
    if (!open) continue;
    const file = open[1]!.replace(/&quot;/g, '"');
    // The header says how many numbered lines follow, so a file line reading `</file>` cannot end it early.
    const count = Number(open[3]) - Number(open[2]) + 1;
    for (let j = 1; j <= count && i + j < rows.length; j++) {
      const m = NUMBERED.exec(rows[i + j]!);
      if (m) lines.push({ file, line: Number(m[1]), text: m[2]! });
    }
    i += count;
  }
  return { question: questionOf(text), lines };
}
