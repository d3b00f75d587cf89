// Which command hooks a pre-started interpreter can run exactly as a cold start would, and why the
// others cannot. A hook qualifies when what it execs is known without running it (exec form, or a
// simple `sh -c` command) and is `python3 -c CODE …`, `python3 SCRIPT …`, `node -e CODE …` or
// `node SCRIPT …` with no interpreter flag, and nothing in its environment acts at the interpreter's
// start-up in a way the pre-started one could not have seen (PYTHON*, a virtualenv, NODE_OPTIONS…).
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerConfig } from '../../config/types.js';
import { onPath } from '../command-line.js';
import { shellWords } from './shell-words.js';

export type InterpreterKind = 'python' | 'node';

export interface PrestartShape {
  readonly kind: InterpreterKind;
  /** The interpreter's file (as execvp would find it). */
  readonly file: string;
  /** argv[0] as the hook wrote it (python derives sys.executable from it). */
  readonly argv0: string;
  /** `code`: -c / -e CODE; `script`: a file run as the main program. */
  readonly mode: 'code' | 'script';
  /** The code, or the script's path as written. */
  readonly target: string;
  /** The arguments after the code or the script. */
  readonly args: readonly string[];
  /** Whether sh stood between (it exports PWD). */
  readonly viaShell: boolean;
}

export type ShapeVerdict = { readonly shape: PrestartShape } | { readonly cold: string };

const PYTHON = /^python3(\.\d+)?$/; // not `python`: it may be python 2
const NODE = /^(node|nodejs)$/;
/** Variables an interpreter reads while it starts (and a pre-started one would have read too early). */
const STARTUP_VARS: Record<InterpreterKind, RegExp> = {
  python: /^(PYTHON[A-Z0-9_]*|VIRTUAL_ENV|CONDA_PREFIX)$/,
  node: new RegExp(
    '^(NODE_OPTIONS|NODE_PATH|NODE_EXTRA_CA_CERTS|NODE_ICU_DATA|NODE_REPL_EXTERNAL_MODULE|NODE_V8_COVERAGE|NODE_COMPILE_CACHE|' +
      'UV_THREADPOOL_SIZE|NODE_PRESERVE_SYMLINKS|NODE_PENDING_DEPRECATION|NODE_NO_WARNINGS|NODE_TLS_REJECT_UNAUTHORIZED)$',
  ),
};

let shIsDash: boolean | undefined;
/** sh's exec of a simple command is known for dash (it exports PWD and nothing else). */
function shellKnown(file: string): boolean {
  if (file !== '/bin/sh' && file !== '/usr/bin/sh') return false;
  if (shIsDash === undefined) {
    try {
      shIsDash = path.basename(fs.realpathSync(file)) === 'dash';
    } catch {
      shIsDash = false;
    }
  }
  return shIsDash;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A zip archive (python runs it as an application) starts with PK\x03\x04. */
function isZip(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    return fs.readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } catch {
    return true;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Whether `file args` (what runCommand would spawn for `handler`, in `cwd` with `env`) can run in a
 * pre-started interpreter, and if not, why.
 */
export function prestartShape(handler: HandlerConfig, file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ShapeVerdict {
  let words: readonly string[];
  let viaShell = false;
  if (handler.args) {
    words = [handler.command ?? '', ...args];
  } else {
    if (handler.shell === 'bash') return { cold: 'runs through bash' };
    if (!shellKnown(file)) return { cold: `${file} is not dash` };
    const parsed = shellWords(args[1] ?? '', env);
    if (!parsed) return { cold: 'not one simple command (operators, redirections, globs or substitutions need a shell)' };
    words = parsed;
    viaShell = true;
  }
  const argv0 = words[0]!;
  const base = path.basename(argv0);
  const kind: InterpreterKind | undefined = PYTHON.test(base) ? 'python' : NODE.test(base) ? 'node' : undefined;
  if (!kind) return { cold: 'not a python3 or node command' };
  const resolved = argv0.includes('/') ? path.resolve(cwd, argv0) : onPath(argv0, env);
  if (!resolved.includes('/') || !isRegularFile(resolved)) return { cold: `${argv0} not found` };
  const startup = Object.keys(env).find((name) => STARTUP_VARS[kind].test(name));
  if (startup) return { cold: `${startup} is set (it acts at the interpreter's start-up)` };
  const flag = words[1];
  if (flag === undefined) return { cold: 'no code or script' };
  const codeFlags = kind === 'python' ? ['-c'] : ['-e', '--eval'];
  if (codeFlags.includes(flag)) {
    if (words[2] === undefined) return { cold: `${flag} without code` };
    return { shape: { kind, file: resolved, argv0, mode: 'code', target: words[2], args: words.slice(3), viaShell } };
  }
  if (flag.startsWith('-')) return { cold: `interpreter flag ${flag}` };
  const script = path.resolve(cwd, flag);
  if (!isRegularFile(script)) return { cold: `${flag} is not a file` };
  if (kind === 'python' && isZip(script)) return { cold: `${flag} is a zip application` };
  if (kind === 'node' && !/\.(c?js)$/.test(script)) return { cold: `${flag} is not a .js or .cjs file` };
  return { shape: { kind, file: resolved, argv0, mode: 'script', target: flag, args: words.slice(2), viaShell } };
}
