// Pre-started shells for `serve`: node's spawn forks the whole server (page tables and all, so the
// cost grows with the server's memory), once per hook and on the event's critical path. A warm shell
// is a `/bin/sh` already forked, in its own process group, its stdin/stdout/stderr already piped to
// us, blocked reading one line on fd 3. Taking one costs a write: the line cds, sets the environment
// the hook must see, and execs the hook's command — the same pid, group and pipes, so runCommand
// treats it like a process it spawned itself. Shells are started again between events, off the
// critical path.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';

// One line on fd 3, then close it and run the line. NL lets the line carry newlines inside quotes.
const SHELL_SCRIPT = `NL='
'
IFS= read -r line <&3 || exit 127
exec 3<&-
eval "$line"`;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFILL_AFTER_MS = 1000;

/** A word quoted for sh, on one line (newlines become "$NL"). */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`).replace(/\n/g, `'"$NL"'`)}'`;
}

export class WarmShells {
  private readonly idle: ChildProcess[] = [];
  private refilling = false;
  private closed = false;
  private busy = 0;
  private lastTake = 0;
  private waiting: NodeJS.Timeout | undefined;
  /** Hooks started from a warm shell / spawned because none was ready. */
  taken = 0;
  missed = 0;

  constructor(
    private readonly size: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
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
    (shell.stdio[3] as NodeJS.WritableStream).end(`${line}\n`);
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
      if (!NAME.test(key)) {
        parts = null;
        break;
      }
      parts.push(env[key] === undefined ? `unset ${key}` : `export ${key}=${quote(env[key]!)}`);
    }
    this.envLines.set(env, parts);
    return parts;
  }

  private line(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string | undefined {
    const exports = this.envLine(env);
    if (exports === null) return undefined;
    const parts = [...exports, `cd -- ${quote(cwd)} || exit 127`];
    // Always exec, even for `sh -c`: an `eval` here would save an exec per hook but
    // the shell's own messages would read `sh: 1: eval: x: not found`, and stderr can be a block reason.
    parts.push(`exec ${[file, ...args].map(quote).join(' ')}`);
    return parts.join('; ');
  }

  /**
   * Starts shells until `size` are idle, one per turn of the event loop, while no hook of ours runs
   * (forks compete with running hooks for the CPU) — or, with a long hook running, a second after
   * the last shell was taken.
   */
  private refill(): void {
    if (this.refilling || this.closed) return;
    this.refilling = true;
    const step = () => {
      if (this.closed || this.idle.length >= this.size) {
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
      const shell = spawn('/bin/sh', ['-c', SHELL_SCRIPT], { cwd: os.tmpdir(), env: this.env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true });
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
