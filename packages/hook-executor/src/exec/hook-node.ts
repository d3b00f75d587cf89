// One graph node = one hook: pick its stdin (the PreToolUse pipeline), start it (process, http or
// module or background), interpret what it said.
import fs from 'node:fs';
import type { PlannedHook } from '../match/select.js';
import type { interpretRun as InterpretRun } from '../result/interpret.js';
import type { HookLabel } from '../result/interpret.js';
import type { HookOutcome } from '../result/outcome.js';
import { mergePiped, pipeThrough, type PipedInput } from '../result/pipeline.js';
import type { HandlerRun, HookInput } from '../types.js';
import { runCommand } from './run-command.js';
import type { ProcessStarter } from './starter.js';

type Json = Record<string, unknown>;

/** What a graph node yields. */
export interface NodeValue {
  readonly outcome: HookOutcome;
  readonly run?: HandlerRun;
  /** PreToolUse: the tool input this hook passes on. */
  readonly piped?: PipedInput;
  readonly background?: boolean;
  /** A background hook that could not be started. */
  readonly error?: string;
}

export interface HookNodeContext {
  readonly event: string;
  readonly input: HookInput;
  /** The exact input bytes. */
  readonly raw: string | Buffer;
  readonly cwd: string;
  /** The project directory (module hooks' `${CLAUDE_PROJECT_DIR}` and context). */
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** PreToolUse: the tool_input dependents start from; undefined for other events (no pipeline). */
  readonly originalToolInput?: Json;
  readonly maxOutputBytes?: number;
  readonly killGraceMs?: number;
  /** serve's pre-started shells and interpreters. */
  readonly warm?: ProcessStarter;
  /** interpretRun, loaded once the first hooks are running. */
  readonly interpreter: () => Promise<{ interpretRun: typeof InterpretRun }>;
}

/** The hooks' cwd: the input's `cwd` when it still exists, else the project (as Claude Code does). */
export function hookCwd(input: HookInput, projectDir: string): string {
  const cwd = input.cwd;
  if (typeof cwd === 'string' && cwd !== '') {
    try {
      if (fs.statSync(cwd).isDirectory()) return cwd;
    } catch {
      // deleted: fall back to the project root
    }
  }
  return projectDir;
}

function labelOf(planned: PlannedHook, input: HookInput): HookLabel {
  const h = planned.handler;
  const command = h.type === 'http' ? h.url : h.type === 'module' ? h.module : h.args ? [h.command, ...h.args].join(' ') : h.command;
  return {
    ...(command === undefined ? {} : { command }),
    ...(typeof input.tool_name === 'string' ? { toolName: input.tool_name } : {}),
  };
}

/** Runs one planned hook as a graph node; never rejects for the hook's own failure. */
export async function runHookNode(ctx: HookNodeContext, planned: PlannedHook, signal: AbortSignal, deps: ReadonlyMap<string, NodeValue>): Promise<NodeValue> {
  const handler = planned.handler;
  const received = ctx.originalToolInput ? mergePiped(planned.after.map((d) => deps.get(d)?.piped), ctx.originalToolInput) : undefined;
  const stdin = received?.changed ? JSON.stringify({ ...ctx.input, tool_input: received.toolInput }) : ctx.raw;
  if (handler.background) {
    const { startBackground } = await import('./run-background.js');
    const started = startBackground(handler, { cwd: ctx.cwd, env: ctx.env, stdin });
    return {
      outcome: { id: handler.id, decision: 'none' },
      background: true,
      ...(started.error ? { error: started.error } : {}),
      ...(received ? { piped: received } : {}),
    };
  }
  const common = { env: ctx.env, timeoutMs: planned.timeoutMs, signal, ...(ctx.maxOutputBytes ? { maxOutputBytes: ctx.maxOutputBytes } : {}) };
  const run =
    handler.type === 'http'
      ? await (await import('./run-http.js')).runHttp(handler, { ...common, body: stdin })
      : handler.type === 'module'
        ? await (await import('../module/run-module.js')).runModule(handler, { ...common, stdin, event: ctx.event, projectDir: ctx.projectDir, cwd: ctx.cwd })
        : await runCommand(handler, {
            ...common,
            cwd: ctx.cwd,
            stdin,
            ...(ctx.killGraceMs === undefined ? {} : { killGraceMs: ctx.killGraceMs }),
            ...(ctx.warm ? { warm: ctx.warm } : {}),
          });
  const { interpretRun } = await ctx.interpreter();
  const outcome = interpretRun(ctx.event, handler.id, run, planned.timeoutMs, labelOf(planned, ctx.input));
  return { outcome, run, ...(received ? { piped: pipeThrough(received, outcome.updatedInput) } : {}) };
}
