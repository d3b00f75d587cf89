import { homeDir, resolveProjectDir } from '../config/paths.js';

export interface CommonArgs {
  readonly project?: string;
  readonly config?: string;
  readonly json?: boolean;
}

/** Data goes to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function outJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

/** Diagnostics and progress go to stderr. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

export function projectDirOf(args: CommonArgs): string {
  return args.project ?? resolveProjectDir(undefined);
}

export { homeDir };
