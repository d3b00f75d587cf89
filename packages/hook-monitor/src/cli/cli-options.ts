import { parseSince } from '../parse-time.js';
import type { ScanOptions } from '../scan-store.js';
import { defaultStoreDir } from '../store-dir.js';

export interface CommonArgs {
  readonly dir?: string;
  readonly json?: boolean;
  readonly since?: string;
  readonly event?: string;
  readonly [flag: string]: unknown;
}

/** The store and filters named by the flags. */
export function scanOptions(args: CommonArgs): ScanOptions & { dir: string } {
  return {
    dir: args.dir ?? defaultStoreDir(),
    ...(args.since === undefined ? {} : { since: parseSince(args.since) }),
    ...(args.event === undefined ? {} : { event: args.event }),
  };
}

/** Writes data to stdout with exactly one trailing newline. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function outJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

export function emptyStoreLine(dir: string, filtered: boolean): string {
  return filtered
    ? `No hook runs match these filters in ${dir}.`
    : `No hook runs recorded yet in ${dir}. Record some with hook-executor, or time a hook with \`hook-monitor wrap --id NAME -- CMD\`.`;
}
