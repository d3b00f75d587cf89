import { fstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Attachment } from '../messages.js';
import { UsageError } from './cli-errors.js';

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

/**
 * The prompt: stdin first (context, e.g. a diff), then the words given as arguments (the ask).
 * `forceStdin` (`--stdin` or a lone `-`) reads stdin whatever it is.
 */
export async function readPrompt(words: readonly (string | number)[], forceStdin = false, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const fromArgs = words.join(' ').trim();
  const fromStdin = forceStdin || stdinHasInput(stdin, fromArgs !== '') ? (await readAll(stdin)).trim() : '';
  const prompt = [fromStdin, fromArgs].filter((part) => part !== '').join('\n\n');
  if (prompt === '') throw new UsageError('no prompt: pass it as arguments or on stdin');
  return prompt;
}

/** Reads `-f FILE` attachments; a missing or unreadable file is a usage error naming it. */
export async function readAttachments(files: readonly string[]): Promise<Attachment[]> {
  return Promise.all(
    files.map(async (name) => {
      try {
        return { name, content: await readFile(name, 'utf8') };
      } catch (error) {
        const reason = (error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as Error).message;
        throw new UsageError(`-f ${name}: ${reason}`);
      }
    }),
  );
}
