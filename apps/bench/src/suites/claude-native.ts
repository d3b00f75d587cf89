// hook-executor against Claude Code's own hook runner, in the real CLI (issue 15). For each hook set
// (21 distinct UserPromptSubmit hooks: `sleep 0.05`, `python3 -c`, `node -e`, each printing a
// context line), one `claude -p --input-format stream-json` session per mode, all kept open; round by
// round every mode gets one prompt (interleaved), timed from the stdin write to the fake Anthropic
// API's receipt of the request carrying it. The first prompt of each session is not timed (start-up,
// the server's first look at the config, interpreters started for the first time). Medians per mode,
// minus the no-hooks session's: the hooks' added latency per prompt. Every timed prompt's request is
// checked to carry all 21 contexts. Modes: none, native (hooks in settings.json), run (the command
// `install` registers: a launcher forwarding to a warm server, falling back to running the hooks
// itself), serve (an http hook), and module hooks where the set has a module form.
import fs from 'node:fs';
import path from 'node:path';
import { configLocations, loadConfig, PrestartedInterpreters, runCommand, type HandlerConfig } from '@fanout/hook-executor';
import { median, ratioRow } from '../measure.js';
import { EVENT, health, interleavedRounds, lastTimes, loadHarness, shellQuote, userSetup, type ClaudeSession } from './claude-real-cli.js';
import { prestartedFloor as prestartedShellsFloor } from './hook-executor-serve.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const HOOKS = 21;

interface HookSet {
  readonly name: string;
  /** Hook commands, distinct, each printing `marker(i)`. */
  readonly commands: readonly string[];
  readonly marker: (i: number) => string;
  /** Module hooks doing the same work, when the set has a module form. */
  readonly modules?: Readonly<Record<string, string>>;
  /** The targets: serve and run, as ratios of native's added latency. */
  readonly targets: { readonly serve: number; readonly run: number };
}

function hookSets(): HookSet[] {
  const range = Array.from({ length: HOOKS }, (_, i) => i + 1);
  const pyCode = (i: number) => `import json,sys; d=json.load(sys.stdin); print("ctx-python-${i}", len(d["prompt"]))`;
  const nodeCode = (i: number) =>
    `let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);console.log("ctx-node-${i}",i.prompt.length)})`;
  const moduleSource = (i: number) => `export default (input) => \`ctx-node-${i} \${input.prompt.length}\`;\n`;
  return [
    { name: 'sleep', commands: range.map((i) => `sleep 0.05; echo ctx-sleep-${i}`), marker: (i) => `ctx-sleep-${i}`, targets: { serve: 1.0, run: 1.0 } },
    {
      name: 'python3',
      commands: range.map((i) => `/usr/bin/python3 -c ${shellQuote(pyCode(i))}`),
      marker: (i) => `ctx-python-${i}`,
      targets: { serve: 0.4, run: 0.6 },
    },
    {
      name: 'node',
      commands: range.map((i) => `node -e ${shellQuote(nodeCode(i))}`),
      marker: (i) => `ctx-node-${i}`,
      modules: Object.fromEntries(range.map((i) => [`.claude/hooks/ctx-${i}.mjs`, moduleSource(i)])),
      targets: { serve: 0.4, run: 0.6 },
    },
  ];
}

/** What the server says it did (warm shells and pre-started interpreters taken or missed). */
async function serverStats(url: string, token: string): Promise<string> {
  const body = await health(url, token);
  try {
    const { warmShells, interpreters } = (JSON.parse(body) as { stats?: Record<string, unknown> }).stats ?? {};
    return JSON.stringify({ warmShells, interpreters });
  } catch {
    return body.slice(0, 200);
  }
}

/**
 * The floor for interpreter hooks when nothing starts on the prompt's path: the 21 hooks handed to
 * 21 interpreters started beforehand (hook-executor's own pool and process runner), until all have
 * ended — no Claude Code, no HTTP, no merge. What is left is the hooks' own work and their exit.
 */
async function prestartedFloor(handlers: readonly HandlerConfig[], cwd: string, env: NodeJS.ProcessEnv, bootDir: string, rounds: number): Promise<number> {
  const pool = new PrestartedInterpreters({ bootDir, maxTotal: handlers.length });
  const input = JSON.stringify({ session_id: 'floor', cwd, hook_event_name: EVENT, prompt: 'prompt of the floor' });
  const runAll = () => Promise.all(handlers.map((h) => runCommand(h, { cwd, env, stdin: input, timeoutMs: 30_000, warm: pool })));
  const idle = () => pool.stats().idle.python + pool.stats().idle.node;
  const times: number[] = [];
  try {
    await runAll(); // the pool learns the shapes
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < 400 && idle() < handlers.length; k++) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 300));
      const start = performance.now();
      await runAll();
      times.push(performance.now() - start);
    }
  } finally {
    pool.close();
  }
  return median(times);
}

interface Mode {
  readonly name: string;
  readonly settings: (set: HookSet) => Record<string, unknown>;
  readonly files?: (set: HookSet) => Record<string, string>;
  readonly env?: Record<string, string>;
  readonly applies?: (set: HookSet) => boolean;
  /** Whether the contexts are checked (every mode but none). */
  readonly hooks: boolean;
  /** A mode for the notes only (skipped under --quick). */
  readonly extra?: boolean;
}

function executorFile(set: HookSet, module = false): Record<string, string> {
  const hooks = module
    ? Object.keys(set.modules!).map((file, i) => ({ id: `${set.name}-${i + 1}`, type: 'module', module: `./${path.relative('.claude', file)}` }))
    : set.commands.map((command, i) => ({ id: `${set.name}-${i + 1}`, type: 'command', command }));
  return { '.claude/hook-executor.json': `${JSON.stringify({ hooks: { [EVENT]: [{ hooks }] } }, null, 2)}\n`, ...(module ? set.modules : {}) };
}

export const suite: BenchSuite = {
  name: 'claude-native',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const harness = await loadHarness();
    // --quick: the python3 set only (the seed's hooks are python scripts), fewer rounds, no extra modes.
    const rounds = Number(process.env.CLAUDE_NATIVE_ROUNDS) || (context.quick ? 3 : 9);
    const only = process.env.CLAUDE_NATIVE_SETS?.split(',') ?? (context.quick ? ['python3'] : undefined);
    const setup = await userSetup('bench-claude-native-');
    const { root, home, stateDir, serverEnv, sessionEnv, server, runSettings } = setup;
    const modes: Mode[] = [
      { name: 'none', settings: () => ({}), hooks: false },
      { name: 'native', settings: (set) => ({ hooks: { [EVENT]: [{ hooks: set.commands.map((command) => ({ type: 'command', command })) }] } }), hooks: true },
      { name: 'run', settings: runSettings, files: (set) => executorFile(set), hooks: true },
      // The same command with no server to forward to: `run` runs the hooks itself (a note, no target).
      { name: 'run-alone', settings: runSettings, files: (set) => executorFile(set), env: { HOOK_EXECUTOR_NO_FORWARD: '1' }, hooks: true, extra: true },
      {
        name: 'serve',
        settings: setup.serveSettings,
        files: (set) => executorFile(set),
        hooks: true,
      },
      {
        name: 'serve-module',
        settings: setup.serveSettings,
        files: (set) => executorFile(set, true),
        applies: (set) => set.modules !== undefined,
        hooks: true,
        extra: true,
      },
    ];
    const rows: BenchRow[] = [];
    try {
      for (const set of hookSets().filter((s) => !only || only.includes(s.name))) {
        const active = modes.filter((m) => (m.applies?.(set) ?? true) && !(context.quick && m.extra));
        const sessions = new Map<string, ClaudeSession>();
        let times: Map<string, number[]>;
        try {
          for (const mode of active) {
            // One user: every session shares the server's HOME (its config, state and token).
            sessions.set(
              mode.name,
              await harness.startClaudeSession({ settings: mode.settings(set), files: mode.files?.(set) ?? {}, env: { ...sessionEnv, ...mode.env }, home }),
            );
          }
          const hooked = new Set(active.filter((mode) => mode.hooks).map((mode) => mode.name));
          times = await interleavedRounds(
            setup,
            sessions,
            rounds,
            (round, name) => `prompt ${round} of the ${set.name} hooks in ${name} mode`,
            (name, timing) => {
              if (!hooked.has(name)) return;
              const missing = Array.from({ length: HOOKS }, (_, i) => set.marker(i + 1)).filter((m) => !timing.request!.raw.includes(m));
              if (missing.length === 0) return;
              throw new Error(`${set.name}/${name}: ${missing.length} contexts did not reach the model (${missing.slice(0, 3).join(', ')}…)`);
            },
            (round, t) => context.log(`claude-native ${set.name} round ${round}/${rounds}: ${lastTimes(t)} ms`),
          );
        } finally {
          for (const session of sessions.values()) await session.close();
        }
        context.log(`claude-native ${set.name}: server ${await serverStats(server.url, server.token)}`);
        let floor: number | undefined;
        if (set.name === 'sleep') {
          // 21 shells started beforehand, told at once to exec the hooks (serve's warm shells, no HTTP, no merge).
          const input = JSON.stringify({ session_id: 'floor', cwd: root, hook_event_name: EVENT, prompt: 'prompt of the floor' });
          const floors: number[] = [];
          for (let i = 0; i < rounds; i++) floors.push(await prestartedShellsFloor(set.commands, input));
          floor = median(floors);
        } else {
          const dir = path.join(root, `floor-${set.name}`);
          const files = executorFile(set);
          for (const [file, text] of Object.entries(files))
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true }), fs.writeFileSync(path.join(dir, file), text);
          const handlers = loadConfig(configLocations(dir, home)).events.get(EVENT) ?? [];
          floor = await prestartedFloor(handlers, dir, { ...serverEnv, CLAUDE_PROJECT_DIR: dir }, stateDir, rounds);
        }
        const m = Object.fromEntries([...times].map(([k, v]) => [k, median(v)]));
        const added = (name: string) => m[name]! - m.none!;
        const native = added('native');
        const floorWhat =
          set.name === 'sleep' ? `${HOOKS} pre-started shells running the hooks' commands` : `the ${HOOKS} hooks in ${HOOKS} pre-started interpreters`;
        const floorNote = floor === undefined ? '' : `; floor: ${floorWhat}, no CLI, no HTTP, no merge, ${Math.round(floor)} ms (${ratioRow(floor, native)}×)`;
        const note = (extra: string) => `added latency per prompt over no hooks (${Math.round(m.none!)} ms), medians of ${rounds} prompts; ${extra}`;
        for (const name of ['serve', 'run'] as const) {
          const target = set.targets[name];
          const moduleNote =
            name === 'serve' && m['serve-module'] !== undefined
              ? `; the same work as module hooks through serve +${Math.round(added('serve-module'))} ms (${ratioRow(added('serve-module'), native)}×)`
              : name === 'run' && m['run-alone'] !== undefined
                ? `; with no server running, run alone +${Math.round(added('run-alone'))} ms (${ratioRow(added('run-alone'), native)}×)`
                : '';
          rows.push({
            work: `${HOOKS} ${set.name} UserPromptSubmit hooks per prompt in the real CLI, \`${name}\``,
            baseline: { name: 'Claude Code running them itself (native)', ms: native },
            fanout: added(name),
            ratio: ratioRow(added(name), native),
            ratioAgainst: 'native',
            target: `≤ ${target.toFixed(1)}×`,
            pass: added(name) <= target * native,
            note: note(`native +${Math.round(native)} ms${moduleNote}${name === 'serve' ? floorNote : ''}`),
          });
        }
      }
    } finally {
      await setup.close();
    }
    return rows;
  },
};
