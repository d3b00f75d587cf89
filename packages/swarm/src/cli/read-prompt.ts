import { UsageError } from '../errors.js';

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += chunk as string;
  return text;
}

/**
 * The prompt: the words given as arguments, or stdin when there are none and it is not a terminal.
 * Stdin is never read when arguments were given, so a parent that leaves it open cannot hang us.
 */
export async function readPrompt(words: readonly (string | number)[], stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const fromArgs = words.join(' ').trim();
  if (fromArgs !== '') return fromArgs;
  const fromStdin = stdin.isTTY ? '' : (await readAll(stdin)).trim();
  if (fromStdin === '') throw new UsageError('no prompt: pass it as arguments or on stdin (or use --input prompts.jsonl)');
  return fromStdin;
}
