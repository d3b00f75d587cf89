// Pre-started python and node interpreters for `serve` (and the runs forwarded to it). Most hooks
// are `python3 x.py` or `node -e …`: their cost is the interpreter's start, not their work. Between
// events the server keeps, per interpreter and start-up environment, as many interpreters started as
// the last events used, each in its own process group with its pipes attached, blocked on fd 3 (see
// python-boot.ts / node-boot.ts); a hook whose shape qualifies (hook-shape.ts) takes one and only its
// own code runs at the event. Bounded: at most `maxTotal` idle interpreters, started again only while
// no hook of ours runs; a pool unused for `idleMs` is stopped, an interpreter older than `maxAgeMs`
// is replaced. An idle interpreter reads EOF on fd 3 when the server dies, and exits.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { HandlerConfig } from '../../config/types.js';
import { commandLine } from '../command-line.js';
import type { RefillGate } from '../refill-gate.js';
import type { ProcessStarter } from '../starter.js';
import { handoverMessage, hookEnv } from './handover.js';
import { prestartShape, type InterpreterKind, type PrestartShape, type ShapeVerdict } from './hook-shape.js';
import { NODE_BOOT, nodeBootFile } from './node-boot.js';
import { PYTHON_BOOT } from './python-boot.js';

/**
 * Variables that differ between sessions and prompts and that neither interpreter reads while it
 * starts: an interpreter started in one session serves the next one (its environment is replaced
 * entirely at the event). Any other variable is part of the pool's key.
 */
/** After an event whose hooks started cold, wait this long before starting interpreters for the next. */
const COLD_SETTLE_MS = 1000;

const LATE_VARS = new Set([
  'CLAUDE_PROJECT_DIR',
  'CLAUDE_CODE_SESSION_ID',
  'CLAUDE_ENV_FILE',
  'CLAUDE_PID',
  'CLAUDE_EFFORT',
  'PWD',
  'OLDPWD',
  'FANOUT_HOOK_TOKEN',
  '_',
]);

export interface InterpreterPoolOptions {
  /** Idle interpreters kept in all (the least recently used pool gives way). @default 48 */
  readonly maxTotal?: number;
  /** A pool no hook used for this long is stopped. @default 10 min */
  readonly idleMs?: number;
  /** An idle interpreter older than this is replaced (packages installed since, an upgraded interpreter). @default 10 min */
  readonly maxAgeMs?: number;
  /**
   * A private directory (0700) for node's boot file for script hooks (node -e would define globals a
   * script never sees). @default no node script hooks pre-started
   */
  readonly bootDir?: string;
  /** No starts while it is held (serve: an event in hand). */
  readonly gate?: RefillGate;
}

interface Idle {
  readonly child: ChildProcess;
  readonly startedAt: number;
}

interface Pool {
  readonly key: string;
  readonly kind: InterpreterKind;
  readonly file: string;
  readonly argv0: string;
  readonly mode: PrestartShape['mode'];
  /** The environment and cwd the pool's interpreters start with. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  readonly idle: Idle[];
  /** How many to keep started: the most hooks one burst of events took. */
  target: number;
  inBurst: number;
  lastUsed: number;
}

export interface InterpreterStats {
  /** Hooks run by a pre-started interpreter, and qualifying hooks that found none ready (cold starts). */
  readonly taken: number;
  readonly missed: number;
  /** Idle interpreters now, by kind. */
  readonly idle: Readonly<Record<InterpreterKind, number>>;
  /** Interpreters still to start before every pool has what the last events used. */
  readonly pending: number;
}

function startupKey(shape: PrestartShape, env: NodeJS.ProcessEnv): string {
  let stat = '';
  try {
    const s = fs.statSync(shape.file);
    stat = `${s.dev}:${s.ino}:${s.mtimeMs}`; // an upgraded interpreter is another pool
  } catch {
    // gone: the shape check will fail on the next take
  }
  const vars = Object.keys(env)
    .filter((name) => !LATE_VARS.has(name) && env[name] !== undefined)
    .sort()
    .map((name) => `${name}=${env[name]}`);
  // node starts differently for -e and for a script; python's start-up is the same for both.
  return [shape.kind, shape.kind === 'node' ? shape.mode : '', shape.file, shape.argv0, stat, ...vars].join('\0');
}

export class PrestartedInterpreters implements ProcessStarter {
  private readonly pools = new Map<string, Pool>();
  private readonly maxTotal: number;
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly bootDir: string | undefined;
  private readonly gate: RefillGate | undefined;
  private busy = 0;
  private refill: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly sweeper: NodeJS.Timeout;
  taken = 0;
  missed = 0;

  constructor(options: InterpreterPoolOptions = {}) {
    this.maxTotal = options.maxTotal ?? 48;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.bootDir = options.bootDir;
    this.gate = options.gate;
    this.gate?.onOpen(() => this.scheduleRefill());
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, this.idleMs)).unref();
  }

  /** Whether and how `handler` would run pre-started (for `check` and hook-monitor). */
  static verdict(handler: HandlerConfig, cwd: string, env: NodeJS.ProcessEnv): ShapeVerdict {
    if (handler.type !== 'command' && handler.type !== undefined) return { cold: `a ${handler.type} hook` };
    const { file, args } = commandLine(handler, env);
    return prestartShape(handler, file, args, cwd, env);
  }

  take(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, handler?: HandlerConfig): ChildProcess | undefined {
    if (this.closed || !handler) return undefined;
    const verdict = prestartShape(handler, file, args, cwd, env);
    if (!('shape' in verdict)) return undefined;
    const { shape } = verdict;
    if (shape.kind === 'node' && shape.mode === 'script' && !this.bootDir) return undefined;
    const key = startupKey(shape, env);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { key, kind: shape.kind, file: shape.file, argv0: shape.argv0, mode: shape.mode, env, cwd, idle: [], target: 0, inBurst: 0, lastUsed: 0 };
      this.pools.set(key, pool);
    }
    pool.inBurst++;
    pool.lastUsed = Date.now();
    pool.env = env; // start the next ones as this session would (late variables included)
    pool.cwd = cwd;
    const idle = pool.idle.shift();
    if (!idle) {
      this.missed++;
      this.scheduleRefill(COLD_SETTLE_MS); // after the cold starts of this event, not during them
      return undefined;
    }
    this.taken++;
    this.busy++;
    idle.child.once('exit', () => {
      this.busy--;
      this.scheduleRefill();
    });
    (idle.child.stdio[3] as NodeJS.WritableStream).end(handoverMessage(shape, cwd, hookEnv(shape, cwd, env)));
    return idle.child;
  }

  stats(): InterpreterStats {
    const idle = { python: 0, node: 0 };
    let pending = 0;
    for (const pool of this.pools.values()) {
      idle[pool.kind] += pool.idle.length;
      pending += Math.max(0, Math.min(this.maxTotal, Math.max(pool.target, pool.inBurst)) - pool.idle.length);
    }
    return { taken: this.taken, missed: this.missed, idle, pending: Math.min(pending, Math.max(0, this.maxTotal - idle.python - idle.node)) };
  }

  /** Kills every idle interpreter (their hooks never started) and stops refilling. */
  close(): void {
    this.closed = true;
    clearInterval(this.sweeper);
    clearTimeout(this.refill);
    for (const pool of this.pools.values()) for (const idle of pool.idle.splice(0)) this.kill(idle.child);
  }

  private kill(child: ChildProcess): void {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  private idleCount(): number {
    let n = 0;
    for (const pool of this.pools.values()) n += pool.idle.length;
    return n;
  }

  /**
   * Starts interpreters once no hook of ours is running (a start competes with running hooks for the
   * CPU), one per turn of the event loop, until every pool has its target or the total cap is reached.
   */
  private scheduleRefill(delayMs = 0): void {
    if (this.closed || this.refill) return;
    this.refill = setTimeout(() => {
      this.refill = undefined;
      this.refillStep();
    }, delayMs);
  }

  private refillStep(): void {
    if (this.closed || this.busy > 0 || (this.gate && !this.gate.open)) return; // the last taken interpreter to exit, or the gate opening, schedules again
    for (const pool of this.pools.values()) {
      if (pool.inBurst > 0) {
        pool.target = Math.min(this.maxTotal, Math.max(pool.target, pool.inBurst));
        pool.inBurst = 0;
      }
    }
    const pool = [...this.pools.values()].find((p) => p.idle.length < p.target);
    if (!pool) return;
    if (this.idleCount() >= this.maxTotal) {
      // Full: make room from the pool used longest ago, if that is not this one.
      const stale = [...this.pools.values()].filter((p) => p.idle.length > 0 && p.lastUsed < pool.lastUsed).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!stale) return;
      this.kill(stale.idle.shift()!.child);
      stale.target = Math.min(stale.target, stale.idle.length);
    }
    this.startOne(pool);
    this.scheduleRefill();
  }

  private startOne(pool: Pool): void {
    let child: ChildProcess;
    try {
      const boot = pool.kind === 'python' ? ['-c', PYTHON_BOOT] : pool.mode === 'code' ? ['-e', NODE_BOOT] : [nodeBootFile(this.bootDir!)];
      child = spawn(pool.file, boot, { argv0: pool.argv0, cwd: pool.cwd, env: pool.env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true });
    } catch {
      pool.target = 0; // cannot start here (cwd gone…): the hooks start cold
      return;
    }
    const idle: Idle = { child, startedAt: Date.now() };
    const drop = () => {
      const i = pool.idle.indexOf(idle);
      if (i >= 0) pool.idle.splice(i, 1);
    };
    child.on('error', drop);
    child.once('exit', drop);
    child.stdio[3]?.on('error', () => {}); // it died before its hook came: its exit is reported as usual
    if (child.pid !== undefined) pool.idle.push(idle);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, pool] of this.pools) {
      if (now - pool.lastUsed > this.idleMs) {
        for (const idle of pool.idle.splice(0)) this.kill(idle.child);
        this.pools.delete(key);
        continue;
      }
      const old = pool.idle.filter((i) => now - i.startedAt > this.maxAgeMs);
      for (const idle of old) {
        pool.idle.splice(pool.idle.indexOf(idle), 1);
        this.kill(idle.child);
      }
    }
    this.scheduleRefill();
  }
}
