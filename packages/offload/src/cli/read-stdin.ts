import { fstatSync } from 'node:fs';

/**
 * Whether stdin can hold the corpus: a pipe, a redirected file or a socket (what a parent process's
 * `spawn` gives); never a terminal or /dev/null. Asked only when no paths (or "-") were given.
 */
export function stdinHasInput(): boolean {
  if (process.stdin.isTTY) return false;
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    return false;
  }
}

export async function readStdin(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text;
}
