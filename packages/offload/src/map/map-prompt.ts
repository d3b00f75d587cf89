// What a reader is asked. The version is part of every cache key: change it whenever the prompt or
// the schema changes, so cached findings from an older prompt are not reused.
import type { ChatMessage, JsonSchemaFormat } from '@fanout/oracle';
import type { Chunk } from '../chunk/pack.js';
import { pieceLines } from '../chunk/split-file.js';

export const MAP_PROMPT_VERSION = 'offload-map-1';

export const MAP_SYSTEM = `You are one of many readers (offload:map). Each reader gets one chunk of a corpus and a question; a
separate step merges what all readers found into one answer. Read the chunk and report only what helps
answer the question.

The chunk holds files as <file path="…" lines="A-B"> blocks; every line starts with its number and "| ".
Reply with JSON only: {"relevant": boolean, "findings": [...], "confidence": number from 0 to 1}.
Each finding: {"claim": one sentence saying what the lines show, "file": the path exactly as given,
"line_start": first line number, "line_end": last line number, "quote": the exact text of those lines
copied verbatim without the line numbers}. A quote must be copied character for character from the
cited lines; never paraphrase or complete it. Cite the smallest range that supports the claim. At most
8 findings. When nothing in the chunk helps, reply {"relevant": false, "findings": [], "confidence": 0}.`;

/** The answer's shape; strict, as OpenAI's structured outputs require (every field required, no extras). */
export const MAP_SCHEMA: JsonSchemaFormat = {
  name: 'offload_findings',
  strict: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['relevant', 'findings', 'confidence'],
    properties: {
      relevant: { type: 'boolean' },
      findings: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['claim', 'file', 'line_start', 'line_end', 'quote'],
          properties: {
            claim: { type: 'string' },
            file: { type: 'string' },
            line_start: { type: 'integer' },
            line_end: { type: 'integer' },
            quote: { type: 'string' },
          },
        },
      },
      confidence: { type: 'number' },
    },
  },
};

/** Room for the reader's answer: 8 findings with a few quoted lines each. */
export const MAP_MAX_TOKENS = 2048;

/**
 * The chunk's lines as the reader sees them, appended to `out`: each piece in a <file> block (a quote
 * in a path is escaped), every line numbered `12| text` (CRLF endings dropped). The prompt is then
 * one join: no per-piece strings to build, concatenate and flatten again, and one loop rather than a
 * callback per line (in a run's first calls the JIT has not warmed up yet).
 */
function pushChunkLines(out: string[], chunk: Chunk): string[] {
  for (const p of chunk.pieces) {
    out.push(`<file path="${p.file.replace(/"/g, '&quot;')}" lines="${p.startLine}-${p.startLine + p.lineCount - 1}">`);
    const lines = pieceLines(p);
    for (let i = 0; i < lines.length; i++) out.push(`${p.startLine + i}| ${lines[i]}`);
    out.push('</file>');
  }
  return out;
}

/** The chunk as the reader sees it: numbered lines in <file> blocks. */
export function renderChunk(chunk: Chunk): string {
  return pushChunkLines([], chunk).join('\n');
}

export function mapMessages(question: string, chunk: Chunk): ChatMessage[] {
  return [
    { role: 'system', content: MAP_SYSTEM },
    { role: 'user', content: pushChunkLines([`Question: ${question}`, ''], chunk).join('\n') },
  ];
}
