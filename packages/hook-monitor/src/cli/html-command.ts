import fs from 'node:fs';
import path from 'node:path';
import { HookMonitorError } from '../errors.js';
import { buildHtml } from '../build-html.js';
import { out, outJson, scanOptions } from './cli-options.js';
import type { CommonArgs } from './cli-options.js';

export async function htmlCommand(args: CommonArgs & { out: string; recent?: number }): Promise<number> {
  const options = scanOptions(args);
  const { html, runs, corrupt } = await buildHtml({ ...options, ...(args.recent === undefined ? {} : { recent: args.recent }) });
  const file = path.resolve(args.out);
  try {
    fs.writeFileSync(file, html);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new HookMonitorError('WRITE_FAILED', `--out: cannot write ${file} (${code})`, { cause: error });
  }
  if (args.json) outJson({ file, runs, corrupt, bytes: Buffer.byteLength(html) });
  else out(`Wrote ${file} (${runs} runs${corrupt ? `, ${corrupt} corrupt lines skipped` : ''}).`);
  return 0;
}
