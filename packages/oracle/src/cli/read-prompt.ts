import { fstatSync } from 'node:fs';
import { UsageError } from '@fanout/cli-kit/errors';

export interface ReadPromptOptions {
  /**
   * `context`: stdin, when it has input, comes first (a diff, a document) and the words follow as
   * the ask. `fallback`: the words alone, or stdin only when there are none.
   * @default 'context'
   */
  readonly mode?: 'context' | 'fallback' | undefined;
  /** Read stdin whatever it is (`--stdin`, a lone `-`). @default false */
  readonly force?: boolean | undefined;
  /** What the text is called in the error when there is none, e.g. `question`. @default 'prompt' */
  readonly noun?: string | undefined;
  /** Appended to that error, e.g. ` (or use --input prompts.jsonl)`. */
  readonly hint?: string | undefined;
  /** @default process.stdin */
  readonly stdin?: NodeJS.ReadStream | undefined;
}

/**
 * Whether to read stdin. A pipe or a redirected file always is; a socket (what a parent process's
 * `spawn` gives) only when the arguments hold no prompt, so a caller that never closes stdin cannot hang us.
 */
function stdinHasInput(stdin: NodeJS.ReadStream, haveArgs: boolean): boolean {
  if (stdin.isTTY) return false;
  try {
    const stat = fstatSync(0);
    if (stat.isFIFO() || stat.isFile()) return true;
  } catch {
    return false;
  }
  return !haveArgs;
}

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += chunk as string;
  return text;
}

/** The prompt from the words given as arguments and/or stdin (see `mode`); none at all is a UsageError. */
export async function readPrompt(words: readonly (string | number)[], options: ReadPromptOptions = {}): Promise<string> {
  const stdin = options.stdin ?? process.stdin;
  const fromArgs = words.join(' ').trim();
  const force = options.force === true;
  const wanted = options.mode === 'fallback' ? fromArgs === '' && (force || stdinHasInput(stdin, false)) : force || stdinHasInput(stdin, fromArgs !== '');
  const fromStdin = wanted ? (await readAll(stdin)).trim() : '';
  const prompt = [fromStdin, fromArgs].filter((part) => part !== '').join('\n\n');
  if (prompt === '') throw new UsageError(`no ${options.noun ?? 'prompt'}: pass it as arguments or on stdin${options.hint ?? ''}`);
  return prompt;
}
