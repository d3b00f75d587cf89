import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { classifyOutput } from './classify-output.js';
import { hookInputMeta } from './hook-input-meta.js';
import { recordRun } from './record-run.js';
import type { HookRunRecord, HookTiming } from './types.js';

export interface WrapOptions {
  /** The hook's name in the store. */
  readonly id: string;
  readonly command: string;
  readonly args?: readonly string[];
  /** The event; default: `hook_event_name` from the stdin JSON, else 'unknown'. */
  readonly event?: string;
  /** Store directory. @default defaultStoreDir() */
  readonly dir?: string;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly stderr?: Writable;
  /** Called once the child runs, e.g. to forward signals to it. */
  readonly onSpawn?: (kill: (signal: NodeJS.Signals) => void) => void;
}

export interface WrapResult {
  /** The child's exit code; 126/127 when it could not be started (as a shell would). */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly record: HookRunRecord;
}

// Only what classification and metadata need is kept in memory; the bytes themselves pass straight through.
const KEEP_BYTES = 256 * 1024;
const INPUT_GRACE_MS = 50;

function keeper(): { add(chunk: Buffer): void; text(): string } {
  const parts: Buffer[] = [];
  let size = 0;
  return {
    add(chunk) {
      if (size < KEEP_BYTES) parts.push(chunk.subarray(0, KEEP_BYTES - size));
      size += chunk.length;
    },
    text: () => (size > KEEP_BYTES ? '' : Buffer.concat(parts).toString('utf8')),
  };
}

/**
 * Runs a hook command with stdin, stdout and stderr passed through as raw bytes, and records its
 * timing with source 'wrap'. Resolves when the child has exited and its output is drained.
 */
export function runWrapped(options: WrapOptions): Promise<WrapResult> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const ts = new Date().toISOString();
  const started = performance.now();
  const input = keeper();
  const output = keeper();
  let stdoutBytes = 0;
  let stderrBytes = 0;

  return new Promise((resolve) => {
    const child = spawn(options.command, [...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    let spawnError: NodeJS.ErrnoException | undefined;
    const onInput = (chunk: Buffer): void => input.add(chunk);
    let inputEnded = false;
    stdin.on('data', onInput);
    stdin.once('end', () => (inputEnded = true));
    stdin.pipe(child.stdin);
    // The child may exit without reading its input: a broken pipe is its business, not an error.
    child.stdin.on('error', () => {});
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      output.add(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderrBytes += chunk.length));
    child.stdout.pipe(stdout, { end: false });
    child.stderr.pipe(stderr, { end: false });
    options.onSpawn?.((signal) => child.kill(signal));

    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', async (code, signal) => {
      const wall = performance.now() - started;
      stdin.unpipe(child.stdin);
      // A hook that exits without reading its input leaves it unread: the event name is in there, and
      // Claude Code has written it all by now, so finish reading it — briefly, as stdin may stay open.
      if (!inputEnded) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            stdin.off('end', done);
            resolve();
          };
          const timer = setTimeout(done, INPUT_GRACE_MS);
          stdin.once('end', done);
        });
      }
      stdin.off('data', onInput);
      const meta = hookInputMeta(input.text());
      const event = options.event ?? meta.event ?? 'unknown';
      const exitCode = spawnError ? (spawnError.code === 'ENOENT' ? 127 : 126) : code;
      if (spawnError) stderr.write(`hook-monitor wrap: cannot run "${options.command}": ${spawnError.code ?? spawnError.message}\n`);
      const hook: HookTiming = {
        id: options.id,
        start_ms: 0,
        end_ms: wall,
        exit_code: spawnError || signal ? null : code,
        timed_out: false,
        decision: classifyOutput(event, spawnError ? null : code, output.text()),
        stdout_bytes: stdoutBytes,
        stderr_bytes: stderrBytes,
      };
      if (spawnError) hook.error = `spawn ${spawnError.code ?? 'failed'}`;
      else if (signal) hook.error = `killed by ${signal}`;
      else if (code !== 0 && code !== 2) hook.error = `exit ${code}`;
      const record: HookRunRecord = {
        v: 1,
        run_id: wrapRunId(),
        ts,
        event,
        ...(meta.sessionId === undefined ? {} : { session_id: meta.sessionId }),
        ...(meta.target === undefined ? {} : { target: meta.target }),
        source: 'wrap',
        wall_ms: wall,
        hooks: [hook],
        // Dropped by recordRun unless the user opted in (HOOK_MONITOR_STORE_INPUT=1); truncated if they did.
        input: input.text(),
      };
      recordRun(record, options.dir === undefined ? {} : { dir: options.dir });
      resolve({ exitCode, signal: spawnError ? null : signal, record });
    });
  });
}

// Unique enough for one machine's store, without loading node:crypto on Claude Code's path.
function wrapRunId(): string {
  return `w${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
