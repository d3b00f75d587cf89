// Tool arguments checked against the tool's schema, with every problem on one line that names the
// argument: `invalid arguments: n: expected an integer, got "ten"; api_key: not an argument of swarm`.
import type { z } from 'zod';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

type Issue = z.core.$ZodIssue;

function where(issue: Issue): string {
  return issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
}

function describeIssue(issue: Issue, tool: string, input: unknown): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${key}: not an argument of ${tool}`).join('; ');
  if (issue.code === 'invalid_type') {
    const got = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], input);
    if (got === undefined) return `${where(issue)}required`;
    return `${where(issue)}expected ${issue.expected}, got ${JSON.stringify(got) ?? typeof got}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') return `${where(issue)}${bound(issue)}`;
  return `${where(issue)}${issue.message.replace(/^Invalid input: /, '')}`;
}

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') return small && limit === 1 ? 'must not be empty' : `${small ? 'at least' : 'at most'} ${limit} characters`;
  if (issue.origin === 'array') return `${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
  return `must be ${small ? '≥' : '≤'} ${limit}`;
}

export function parseArgs<T>(schema: z.ZodType<T>, input: unknown, tool: string): Parsed<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: `invalid arguments: ${result.error.issues.map((issue) => describeIssue(issue, tool, input)).join('; ')}` };
}
