// What the server writes on a pre-started interpreter's fd 3 when its hook's event comes: NUL-ended
// fields (no path, argument or variable can hold a NUL): cwd, mode, code or script, the number of
// arguments and each one, the number of environment entries and each `NAME=value`. See the boots.
import fs from 'node:fs';
import type { PrestartShape } from './hook-shape.js';

// dash's variable table (var.c): 39 buckets by a hash of the name; a new variable goes to the head
// of its bucket; the built-in ones are there first, in this order. Its exec environment lists the
// exported variables bucket by bucket — the order a hook started through `sh -c` sees.
const DASH_BUCKETS = 39;
const DASH_BUILTINS = ['IFS', 'MAIL', 'MAILPATH', 'PATH', 'PS1', 'PS2', 'PS4', 'OPTIND', 'LINENO', 'TERM', 'HISTSIZE'];
const DASH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function dashBucket(name: string): number {
  const bytes = Buffer.from(name, 'utf8');
  let hash = bytes[0]! << 4;
  for (const b of bytes) hash += b;
  return hash % DASH_BUCKETS;
}

/** The environment `sh -c` (dash) hands to the command it runs: its names only, in its order, PWD set. */
function dashEnvironment(env: NodeJS.ProcessEnv, pwd: string): NodeJS.ProcessEnv {
  const buckets: string[][] = Array.from({ length: DASH_BUCKETS }, () => []);
  const add = (name: string) => {
    const bucket = buckets[dashBucket(name)]!;
    if (!bucket.includes(name)) bucket.unshift(name);
  };
  for (const name of DASH_BUILTINS) add(name);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !DASH_NAME.test(name)) continue; // dash imports valid names only
    add(name);
    values[name] = value;
  }
  if (values.IFS !== undefined) values.IFS = ' \t\n'; // dash resets both after the import
  if (values.OPTIND !== undefined) values.OPTIND = '1';
  add('PWD');
  values.PWD = pwd;
  const out: NodeJS.ProcessEnv = {};
  for (const bucket of buckets) for (const name of bucket) if (values[name] !== undefined) out[name] = values[name];
  return out;
}

/**
 * The environment the hook would see. Under `sh -c`, dash exports PWD (the inherited one when it
 * names the working directory, else the physical path) and lists variables in its own order.
 */
export function hookEnv(shape: PrestartShape, cwd: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!shape.viaShell) return env;
  let pwd: string;
  try {
    const here = fs.statSync(cwd);
    const inherited = env.PWD?.startsWith('/') ? fs.statSync(env.PWD, { throwIfNoEntry: false }) : undefined;
    pwd = inherited && inherited.ino === here.ino && inherited.dev === here.dev ? env.PWD! : fs.realpathSync(cwd);
  } catch {
    pwd = cwd;
  }
  return dashEnvironment(env, pwd);
}

export function handoverMessage(shape: PrestartShape, cwd: string, env: NodeJS.ProcessEnv): Buffer {
  const entries = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined);
  const fields = [cwd, shape.mode, shape.target, String(shape.args.length), ...shape.args, String(entries.length), ...entries.map(([k, v]) => `${k}=${v}`)];
  return Buffer.from(fields.map((field) => `${field}\0`).join(''), 'utf8');
}
