// The body `bin/hook-executor-run` sends to `POST /forward`: what a `run` process would have had.
// Fields end in NUL (no argument, variable or path can hold one): cwd; the number of arguments and
// each argument; the number of environment entries and each `NAME=value`; then stdin to the end.

export interface ForwardedRun {
  /** The launcher's working directory (Claude Code's cwd for the hook). */
  readonly cwd: string;
  /** `run`'s arguments, e.g. ['--event', 'PreToolUse']. */
  readonly argv: readonly string[];
  /** The environment Claude Code gave the launcher, exactly. */
  readonly env: NodeJS.ProcessEnv;
  /** The hook input bytes. */
  readonly stdin: Buffer;
}

/** Parses the body; undefined when it is not one (the route then answers 400 and the launcher runs the hooks itself). */
export function parseForwardBody(body: Buffer): ForwardedRun | undefined {
  let at = 0;
  const field = (): string | undefined => {
    const end = body.indexOf(0, at);
    if (end < 0) return undefined;
    const text = body.toString('utf8', at, end);
    at = end + 1;
    return text;
  };
  const count = (): number | undefined => {
    const text = field();
    return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : undefined;
  };
  const cwd = field();
  if (!cwd?.startsWith('/')) return undefined;
  const argc = count();
  if (argc === undefined) return undefined;
  const argv: string[] = [];
  for (let i = 0; i < argc; i++) {
    const arg = field();
    if (arg === undefined) return undefined;
    argv.push(arg);
  }
  const envc = count();
  if (envc === undefined) return undefined;
  const env: NodeJS.ProcessEnv = {};
  for (let i = 0; i < envc; i++) {
    const entry = field();
    const eq = entry?.indexOf('=') ?? -1;
    if (entry === undefined || eq <= 0) return undefined;
    const name = entry.slice(0, eq);
    if (!(name in env)) env[name] = entry.slice(eq + 1); // as getenv: the first of duplicates
  }
  return { cwd, argv, env, stdin: body.subarray(at) };
}

/** The inverse, for tests and for Node callers that forward. */
export function forwardBody(run: ForwardedRun): Buffer {
  const env = Object.entries(run.env).filter((e): e is [string, string] => e[1] !== undefined);
  const fields = [run.cwd, String(run.argv.length), ...run.argv, String(env.length), ...env.map(([k, v]) => `${k}=${v}`)];
  return Buffer.concat([Buffer.from(fields.map((f) => `${f}\0`).join(''), 'utf8'), run.stdin]);
}
