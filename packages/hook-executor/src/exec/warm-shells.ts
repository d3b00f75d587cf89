// Pre-started shells for `serve`: node's spawn forks the whole server (page tables and all), so
// starting 21 hooks cost the event tens of milliseconds before any hook ran. A warm shell is a
// `/bin/sh` already forked, in its own process group, its stdin/stdout/stderr already piped to us,
// blocked reading one line on fd 3. Taking one costs a write: the line cds and sets the environment
// the hook must see, then either runs a shell-form hook (`/bin/sh -c command`) in that same shell or
// execs the hook's program — the same pid, group and pipes, so runCommand treats it like a process it
// spawned itself. Shells are started again between events, off the critical path.
//
// Running a shell-form command in place saves the exec of a second `/bin/sh`, the largest share of a
// short hook's start. It runs as a USR1 trap's action, not through `eval`: dash prefixes messages
// raised inside `eval` with "eval: " ("/bin/sh: 1: eval: x: not found"), while a trap action's read
// exactly as `sh -c`'s do ("/bin/sh: 1: x: not found"), with $0, $-, $#, traps and exit status as a
// fresh `sh -c` has them. Commands whose text could read differently there run by exec: one that does
// not parse (a syntax error at its end would be reported a line later), ends in a backslash, or holds
// a here-document.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { SHELL } from './command-line.js';
import type { RefillGate } from './refill-gate.js';

// One line on fd 3, then close it and run the line. __hx_nl lets the line carry newlines inside
// quotes. A line that does not exec leaves the command in __hx_cmd: it runs as the USR1 trap's action
// (which first removes the trap), and the shell exits with its status.
const SHELL_SCRIPT = `__hx_nl='
'
IFS= read -r __hx_line <&3 || exit 127
exec 3<&-
eval "$__hx_line"
unset __hx_line __hx_nl
trap "trap - USR1; $__hx_cmd

exit \\$?" USR1
unset __hx_cmd
kill -USR1 $$
exit 127`;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFILL_AFTER_MS = 1000;
/** Distinct commands whose parse is remembered (a config holds far fewer). */
const MAX_PARSED = 4096;

/** A word quoted for sh, on one line (newlines become "$NL"). */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`).replace(/\n/g, `'"$__hx_nl"'`)}'`;
}

export class WarmShells {
  private readonly idle: ChildProcess[] = [];
  private refilling = false;
  private closed = false;
  private busy = 0;
  private lastTake = 0;
  private waiting: NodeJS.Timeout | undefined;
  /** Per shell-form command: whether `sh -n` parses it (pending: being checked). */
  private readonly parses = new Map<string, boolean | 'pending'>();
  private readonly toParse: string[] = [];
  /** Hooks started from a warm shell / spawned because none was ready. */
  taken = 0;
  missed = 0;
  /** Shell-form hooks run in their warm shell itself (no exec of a second shell). */
  inPlace = 0;

  constructor(
    private readonly size: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly gate?: RefillGate,
  ) {
    gate?.onOpen(() => this.refill());
    this.refill();
  }

  /**
   * A running shell about to exec `file args` in `cwd` with exactly `env`, or undefined (none idle,
   * or an environment a shell cannot express): then the caller spawns as usual.
   */
  take(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess | undefined {
    const line = this.line(file, args, cwd, env);
    const shell = line === undefined ? undefined : this.idle.shift();
    if (!shell) {
      this.missed++;
      return undefined;
    }
    this.taken++;
    if (line!.inPlace) this.inPlace++;
    this.busy++;
    this.lastTake = Date.now();
    shell.once('exit', () => {
      this.busy--;
      if (this.busy === 0 && this.waiting) {
        // the last running hook ended: refill now rather than at the delayed retry
        clearTimeout(this.waiting);
        this.waiting = undefined;
        this.refilling = false;
      }
      this.refill();
    });
    (shell.stdio[3] as NodeJS.WritableStream).end(`${line!.text}\n`);
    this.refill();
    return shell;
  }

  /** Kills the idle shells (their hooks never started). */
  close(): void {
    this.closed = true;
    clearTimeout(this.waiting);
    for (const shell of this.idle.splice(0)) {
      try {
        process.kill(-shell.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** The exports and unsets that turn the shells' environment into `env` (null: not expressible). Per env object: a run's hooks share one. */
  private readonly envLines = new WeakMap<NodeJS.ProcessEnv, string[] | null>();

  private envLine(env: NodeJS.ProcessEnv): string[] | null {
    let parts = this.envLines.get(env);
    if (parts !== undefined) return parts;
    parts = [];
    for (const key of new Set([...Object.keys(this.env), ...Object.keys(env)])) {
      if (env[key] === this.env[key]) continue;
      if (!NAME.test(key) || key.startsWith('__hx_')) {
        parts = null;
        break;
      }
      parts.push(env[key] === undefined ? `unset ${key}` : `export ${key}=${quote(env[key]!)}`);
    }
    this.envLines.set(env, parts);
    return parts;
  }

  private line(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { text: string; inPlace: boolean } | undefined {
    const exports = this.envLine(env);
    if (exports === null) return undefined;
    // cd sets OLDPWD to the shell's own start directory: put back what the hook's environment says.
    const parts = [...exports, `cd -- ${quote(cwd)} || exit 127`, env.OLDPWD === undefined ? 'unset OLDPWD' : `export OLDPWD=${quote(env.OLDPWD)}`];
    const command = file === SHELL && args.length === 2 && args[0] === '-c' ? args[1]! : undefined;
    const inPlace = command !== undefined && this.runsInPlace(command);
    parts.push(inPlace ? `__hx_cmd=${quote(command)}` : `exec ${[file, ...args].map(quote).join(' ')}`);
    return { text: parts.join('; '), inPlace };
  }

  /** Whether `command` reads the same as a trap action as it does under `sh -c` (see the top). */
  private runsInPlace(command: string): boolean {
    if (command.endsWith('\\') || command.includes('<<')) return false;
    const parses = this.parses.get(command);
    if (parses === undefined && this.parses.size < MAX_PARSED) {
      this.parses.set(command, 'pending');
      this.toParse.push(command);
    }
    return parses === true;
  }

  /** Checks one command's parse with `sh -n`, off the critical path like a refill. */
  private parseOne(): boolean {
    const command = this.toParse.shift();
    if (command === undefined) return false;
    const check = spawn(SHELL, ['-n', '-c', command], { cwd: os.tmpdir(), env: this.env, stdio: 'ignore' });
    check.on('error', () => this.parses.set(command, false));
    check.on('exit', (code) => this.parses.set(command, code === 0));
    return true;
  }

  /**
   * Starts shells until `size` are idle, one per turn of the event loop, while no hook of ours runs
   * (forks compete with running hooks for the CPU) and no event is in hand (the gate) — or, with a
   * long hook running, a second after the last shell was taken. New commands' parses are checked
   * the same way, after the shells.
   */
  private refill(): void {
    if (this.refilling || this.closed) return;
    this.refilling = true;
    const step = () => {
      if (this.closed || (this.gate && !this.gate.open)) {
        this.refilling = false;
        return;
      }
      const wait = this.busy > 0 ? this.lastTake + REFILL_AFTER_MS - Date.now() : 0;
      if (wait > 0) {
        this.waiting = setTimeout(() => {
          this.waiting = undefined;
          step();
        }, wait).unref();
        return;
      }
      if (this.idle.length >= this.size) {
        if (this.parseOne()) setImmediate(step);
        else this.refilling = false;
        return;
      }
      const shell = spawn(SHELL, ['-c', SHELL_SCRIPT], { cwd: os.tmpdir(), env: this.env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true });
      shell.on('error', () => this.drop(shell));
      shell.stdio[3]?.on('error', () => {}); // EPIPE: it died before its line arrived; its exit is reported as usual
      shell.once('exit', () => this.drop(shell));
      if (shell.pid !== undefined) this.idle.push(shell);
      setImmediate(step);
    };
    setImmediate(step);
  }

  private drop(shell: ChildProcess): void {
    const i = this.idle.indexOf(shell);
    if (i >= 0) this.idle.splice(i, 1);
  }
}
