import { fstatSync } from 'node:fs';
import { UsageError } from './cli-errors.js';

/** A pipe or redirected file is read; a TTY never, and a socket only when no words were given (so a parent that never closes stdin cannot hang us). */
function stdinHasInput(stdin: NodeJS.ReadStream, haveWords: boolean): boolean {
  if (stdin.isTTY) return false;
  try {
    const stat = fstatSync(0);
    if (stat.isFIFO() || stat.isFile()) return true;
  } catch {
    return false;
  }
  return !haveWords;
}

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += chunk as string;
  return text;
}

/** The question: stdin first (context, e.g. a design doc), then the words given as arguments. */
export async function readQuestion(words: readonly (string | number)[], stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const fromArgs = words.join(' ').trim();
  const fromStdin = stdinHasInput(stdin, fromArgs !== '') ? (await readAll(stdin)).trim() : '';
  const question = [fromStdin, fromArgs].filter((part) => part !== '').join('\n\n');
  if (question === '') throw new UsageError('no question: pass it as arguments or on stdin (see council --help)');
  return question;
}
