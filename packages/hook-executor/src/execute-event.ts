// The one implementation of an event run, shared by `run` (one process per event) and `serve`
// (a warm process): select → run along the graph → interpret → merge → emit → record.
import { setMaxListeners } from 'node:events';
// The lean entry: the scheduler without the pools, retry and progress modules `run` never needs on an event.
import { runGraph, type GraphNode } from '@fanout/parallel-core/graph';
import type { HookRunRecord } from '@fanout/hook-monitor';
import { planEventBreaker, type BreakerOptions } from './breaker/event-breaker.js';
import type { ExecutorConfig } from './config/types.js';
import { hookCwd, runHookNode, type HookNodeContext, type NodeValue } from './exec/hook-node.js';
import type { ProcessStarter } from './exec/starter.js';
import { reportsFrom } from './graph-reports.js';
import { selectHooks, type Selection } from './match/select.js';
import type { HookReport } from './record.js';
import type { EmittedOutput } from './result/emit.js';
import type { MergedResult } from './result/merge.js';
import { finalPiped, type PipedInput } from './result/pipeline.js';
import type { HookInput } from './types.js';

type Json = Record<string, unknown>;

export interface ExecuteOptions {
  /** Where config-relative things resolve (`if` rules, the fallback cwd). @default $CLAUDE_PROJECT_DIR, the input's cwd, process.cwd() */
  readonly projectDir?: string;
  /** The environment hooks inherit (plus CLAUDE_PROJECT_DIR). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The exact input bytes, given unchanged to every hook. @default JSON.stringify(input) */
  readonly rawInput?: string | Buffer;
  /** Cancels the run: every running hook's process group is killed. */
  readonly signal?: AbortSignal;
  /** Bytes of stdout/stderr kept per hook. @default 1 MiB */
  readonly maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL of a timed-out hook's group, in ms. @default 500 */
  readonly killGraceMs?: number;
  /** Recorded as the record's `source`. @default 'run' */
  readonly source?: HookRunRecord['source'];
  /** Pre-started shells and interpreters to start command hooks from (serve). */
  readonly warmShells?: ProcessStarter;
  /** Skip hooks that keep timing out or crashing (state in `dir`, beside hook-monitor's store). @default off */
  readonly breaker?: BreakerOptions;
}

export interface ExecuteResult extends EmittedOutput {
  /** What hook-monitor stores for this run (the caller records it). */
  readonly record: HookRunRecord;
  readonly merged: MergedResult;
  /** Per matched hook, in config order. */
  readonly reports: readonly HookReport[];
  readonly selection: Selection;
}

/**
 * What is needed only once hooks finish. Loaded while the first hooks run, off the path between
 * Claude Code starting the executor and the last hook being spawned.
 */
async function loadAfterSpawn() {
  const [interpret, merge, emit, record] = await Promise.all([
    import('./result/interpret.js'),
    import('./result/merge.js'),
    import('./result/emit.js'),
    import('./record.js'),
  ]);
  return { ...interpret, ...merge, ...emit, ...record };
}

/** Why a hook's answer stops the run under failFast. */
function stops(value: NodeValue): string | undefined {
  const o = value.outcome;
  if (o.permission === 'deny') return 'denied';
  if (o.block) return 'blocked';
  if (o.stop) return 'stopped (continue: false)';
  return undefined;
}

/**
 * Runs the hooks of `event` configured in `config` for `input` and merges their results as Claude
 * Code would. Never throws for a hook's failure: timeouts, crashes and errors become notices.
 */
export async function executeEvent(event: string, input: HookInput, config: ExecutorConfig, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const env = options.env ?? process.env;
  const projectDir = options.projectDir ?? env.CLAUDE_PROJECT_DIR ?? (typeof input.cwd === 'string' ? input.cwd : process.cwd());
  const childEnv = env.CLAUDE_PROJECT_DIR ? env : { ...env, CLAUDE_PROJECT_DIR: projectDir };
  const raw = options.rawInput ?? JSON.stringify(input);
  const sessionId = typeof input.session_id === 'string' ? input.session_id : undefined;
  let selection = selectHooks(config, event, input, projectDir, env);
  const breaker = options.breaker ? await planEventBreaker(options.breaker, event, sessionId, selection, config, projectDir) : undefined;
  if (breaker) selection = breaker.selection;
  const running = selection.hooks.filter((p) => p.skip === undefined);
  const cwd = running.length ? hookCwd(input, projectDir) : projectDir;
  const originalToolInput = (event === 'PreToolUse' && input.tool_input && typeof input.tool_input === 'object' ? input.tool_input : {}) as Json;
  const pipeline = event === 'PreToolUse';

  let later: ReturnType<typeof loadAfterSpawn> | undefined;
  const context: HookNodeContext = {
    event,
    input,
    raw,
    cwd,
    projectDir,
    env: childEnv,
    ...(pipeline ? { originalToolInput } : {}),
    ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    ...(options.warmShells ? { warm: options.warmShells } : {}),
    interpreter: () => (later ??= loadAfterSpawn()),
  };
  let stoppedBy: string | undefined;
  const signals = [options.signal, selection.deadlineMs === undefined ? undefined : AbortSignal.timeout(selection.deadlineMs)].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  // runGraph settles as soon as it cancels; the hooks it aborted are still being killed. Waiting for
  // them means no process group outlives the run (SIGKILL follows SIGTERM after the grace).
  const inFlight = new Set<Promise<NodeValue>>();
  const nodes: GraphNode<NodeValue>[] = running.map((planned) => ({
    id: planned.handler.id,
    after: planned.after,
    run: (signal, deps) => {
      setMaxListeners(0, signal); // every running hook listens for the one cancel signal
      const promise = runHookNode(context, planned, signal, deps);
      inFlight.add(promise);
      return promise;
    },
  }));
  const graphStart = performance.now() - t0;
  const graphPromise = nodes.length
    ? runGraph(nodes, {
        concurrency: config.concurrency,
        ...(signals.length ? { signal: signals.length === 1 ? signals[0]! : AbortSignal.any(signals) } : {}),
        ...(config.failFast
          ? {
              cancelWhen: (value: NodeValue, id: string) => {
                const why = stops(value);
                if (why && stoppedBy === undefined) stoppedBy = `${id} ${why}`;
                return why !== undefined;
              },
            }
          : {}),
      })
    : undefined;
  later ??= loadAfterSpawn(); // every first-wave hook has been spawned by now
  const graph = await graphPromise;
  await Promise.allSettled(inFlight);
  const { mergeOutcomes, emitResult, buildRecord, newRunId } = await later;

  let reports = reportsFrom(selection, graph, graphStart, stoppedBy);
  if (breaker) reports = await breaker.settle(reports);

  const outcomes = reports.flatMap((r) => (r.outcome ? [r.outcome] : []));
  let updatedInput: Json | undefined;
  if (pipeline && graph) {
    const outputs = new Map<string, PipedInput>();
    for (const o of graph.outcomes) if (o.status === 'ok' && o.value.piped && !o.value.background) outputs.set(o.id, o.value.piped);
    const final = finalPiped(running.filter((p) => !p.handler.background).map((p) => ({ id: p.handler.id, after: p.after })), outputs, originalToolInput);
    if (final.changed) updatedInput = final.toolInput;
  }
  const merged = mergeOutcomes(event, outcomes, updatedInput);
  const emitted = emitResult(merged);
  const record = buildRecord({
    runId: newRunId(),
    startedAt,
    event,
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(selection.target === undefined ? {} : { target: selection.target }),
    source: options.source ?? 'run',
    wallMs: performance.now() - t0,
    reports,
  });
  return { ...emitted, record, merged, reports, selection };
}
