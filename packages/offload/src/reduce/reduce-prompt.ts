import type { ChatMessage, JsonSchemaFormat } from '@fanout/oracle';

/** One line the reducer reads: a finding (F ids) or a partial answer from a lower level (S ids). */
export interface ReduceItem {
  readonly id: string;
  /** The JSON line shown to the model. */
  readonly line: string;
  readonly tokens: number;
}

export function reduceSystem(budget: number): string {
  return `You merge what many readers found into one short answer (offload:reduce). You get a question and,
one JSON object per line, findings (ids F1, F2, …: the file and lines cited, the reader's claim, a quote
checked to be verbatim, the reader's confidence) and/or partial answers (ids S1, S2, …) written from
other findings.

Answer the question in at most ${budget} tokens, using only what you were given. Cite every statement
with the finding ids in brackets, e.g. [F3] or [F1, F4]; keep the citations that partial answers carry;
never cite an id you were not given. When findings contradict each other, follow the one with the
higher confidence, say so, and list the disagreement under "conflicts" with the ids involved. If the
findings do not answer the question, say what they do show.
Reply with JSON only: {"answer": string, "conflicts": [{"finding_ids": [ids], "issue": what disagrees}]}.`;
}

export const REDUCE_SCHEMA: JsonSchemaFormat = {
  name: 'offload_answer',
  strict: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['answer', 'conflicts'],
    properties: {
      answer: { type: 'string' },
      conflicts: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['finding_ids', 'issue'],
          properties: { finding_ids: { type: 'array', items: { type: 'string' } }, issue: { type: 'string' } },
        },
      },
    },
  },
};

export function reduceMessages(question: string, items: readonly ReduceItem[], budget: number): ChatMessage[] {
  const findings = items.filter((i) => i.id.startsWith('F'));
  const partials = items.filter((i) => !i.id.startsWith('F'));
  const parts = [`Question: ${question}`];
  if (findings.length > 0) parts.push(`Findings (one JSON object per line):\n${findings.map((i) => i.line).join('\n')}`);
  if (partials.length > 0) parts.push(`Partial answers (one JSON object per line):\n${partials.map((i) => i.line).join('\n')}`);
  return [
    { role: 'system', content: reduceSystem(budget) },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
