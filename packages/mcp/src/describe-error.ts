// The one line a tool call returns for an error. The libraries word their errors for their CLIs
// (`--input FILE: no such file`, `use --provider sim`); a model calling a tool knows arguments, not
// flags, so those words are translated to the tools' argument names.

const FLAG_WORDS: readonly (readonly [RegExp, string])[] = [
  [/--provider sim\b/g, 'provider: "sim"'],
  [/--provider\/--base-url/g, 'provider'],
  [/ \(or pass --base-url\)/g, ''],
  [/--input\b/g, 'input_file'],
  [/--persona\b/g, 'personas'],
];

// Any other flag: the argument of the same name (`--early-stop` → `early_stop`).
const OTHER_FLAG = /--([a-z]+(?:-[a-z]+)*)\b/g;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Error text in the tools' words: argument names instead of CLI flags. */
export function toolWording(text: string): string {
  let out = text;
  for (const [flag, word] of FLAG_WORDS) out = out.replace(flag, word);
  return out.replace(OTHER_FLAG, (_, name: string) => name.replace(/-/g, '_'));
}

/**
 * The first line of an expected error (every fanout error has a string `code`), or `internal error:`
 * and the message for a bug; never a stack, which would only cost the model tokens.
 */
export function describeError(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ABORTED') return 'cancelled';
  if (code === 'TASK_TIMEOUT') {
    const ms = (error as { timeoutMs?: unknown }).timeoutMs;
    return typeof ms === 'number' ? `timed out after ${ms / 1000} s` : 'timed out';
  }
  const message = error instanceof Error ? error.message : String(error);
  const line = toolWording(message.split('\n')[0] ?? '').trim() || (error instanceof Error ? error.name : 'unknown error');
  return code === '' ? `internal error: ${line}` : line;
}
