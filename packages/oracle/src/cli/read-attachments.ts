import { readFile } from 'node:fs/promises';
import type { Attachment } from '../messages.js';
import { UsageError } from '@fanout/cli-kit/errors';

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
