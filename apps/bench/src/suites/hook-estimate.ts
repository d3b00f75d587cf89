// How close `hook-monitor report`'s "time the executor would have saved" comes to what the executor
// really saves (issue 21). For hook sets other than the ones its figures were taken from (the
// claude-native rows): one real CLI session per mode (none, native, run forwarding to the warm
// server, serve behind an http hook), prompts interleaved round by round. The native session's own
// transcript is imported and estimated exactly as a user's would be; the measured saving is native's
// median per prompt minus the mode's. The error is given against native's added latency per prompt.
import os from 'node:os';
import path from 'node:path';
import { estimateModel, estimateRun, importTranscripts, scanStore } from '@fanout/hook-monitor/report';
import type { EstimateMode, HookRunRecord } from '@fanout/hook-monitor/report';
import { median, ratioRow } from '../measure.js';
import { EVENT, interleavedRounds, lastTimes, loadHarness, shellQuote, userSetup, type ClaudeSession } from './claude-real-cli.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const TARGET = 0.25;

interface EstimateSet {
  readonly name: string;
  readonly commands: readonly string[];
}

function estimateSets(): EstimateSet[] {
  const py = (i: number) => `/usr/bin/python3 -c ${shellQuote(`import json,sys; d=json.load(sys.stdin); print("ctx-${i}", len(d["prompt"]))`)}`;
  const node = (i: number) =>
    `node -e ${shellQuote(`let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);console.log("ctx-${i}",i.prompt.length)})`)}`;
  const sleep = (i: number, seconds: string) => `sleep ${seconds}; echo ctx-${i}`;
  const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
  return [
    { name: '7 sleep + 7 python3 + 7 node', commands: [...range(1, 7).map((i) => sleep(i, '0.05')), ...range(8, 7).map(py), ...range(15, 7).map(node)] },
    { name: '6 python3', commands: range(1, 6).map(py) },
    { name: '2 node + sleep 0.3', commands: [node(1), node(2), sleep(3, '0.3')] },
  ];
}

function executorFile(set: EstimateSet): Record<string, string> {
  const hooks = set.commands.map((command, i) => ({ id: `h${i + 1}`, type: 'command', command }));
  return { '.claude/hook-executor.json': JSON.stringify({ hooks: { [EVENT]: [{ hooks }] } }) };
}

/** The estimated saving per prompt (median over the timed prompts) from the native session's transcript. */
async function estimated(home: string, projectDir: string, store: string, mode: EstimateMode): Promise<{ ms: number; firings: number }> {
  // Claude Code keeps a project's transcripts under its path with every other character a dash.
  const from = path.join(home, '.claude', 'projects', projectDir.replace(/[^a-zA-Z0-9]/g, '-'));
  await importTranscripts({ from, dir: store });
  const runs: HookRunRecord[] = [];
  await scanStore({ dir: store }, (record) => runs.push(record));
  // The first prompt is not timed (start-up): leave its firing out too.
  const timed = runs.sort((a, b) => a.ts.localeCompare(b.ts)).slice(1);
  const model = estimateModel(mode, os.availableParallelism());
  return { ms: median(timed.map((run) => estimateRun(run, model)).map((e) => e.native - e.executor)), firings: timed.length };
}

export const suite: BenchSuite = {
  name: 'hook-estimate',
  quick: false,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const harness = await loadHarness();
    const rounds = Number(process.env.HOOK_ESTIMATE_ROUNDS) || 9;
    const setup = await userSetup('bench-hook-estimate-');
    const rows: BenchRow[] = [];
    try {
      for (const [index, set] of estimateSets().entries()) {
        const modes = {
          none: { settings: {}, files: {} },
          native: { settings: { hooks: { [EVENT]: [{ hooks: set.commands.map((command) => ({ type: 'command', command })) }] } }, files: {} },
          run: { settings: setup.runSettings(), files: executorFile(set) },
          serve: { settings: setup.serveSettings(), files: executorFile(set) },
        };
        const sessions = new Map<string, ClaudeSession>();
        try {
          for (const [name, mode] of Object.entries(modes)) {
            sessions.set(name, await harness.startClaudeSession({ settings: mode.settings, files: mode.files, env: setup.sessionEnv, home: setup.home }));
          }
          const times = await interleavedRounds(
            setup,
            sessions,
            rounds,
            (round, name) => `prompt ${round} of set ${index} in ${name} mode`,
            (name, timing) => {
              if (name === 'none') return;
              const missing = set.commands.filter((_, i) => !timing.request!.raw.includes(`ctx-${i + 1}`));
              if (missing.length > 0) throw new Error(`${set.name}/${name}: ${missing.length} contexts did not reach the model`);
            },
            (round, t) => context.log(`hook-estimate ${set.name} round ${round}/${rounds}: ${lastTimes(t)} ms`),
          );
          const m = Object.fromEntries([...times].map(([name, t]) => [name, median(t)]));
          const nativeAdded = m.native! - m.none!;
          for (const [mode, measuredBy] of [['forward', 'run'], ['http', 'serve']] as const) {
            const estimate = await estimated(setup.home, sessions.get('native')!.projectDir, path.join(setup.root, `store-${index}-${mode}`), mode);
            const measured = m.native! - m[measuredBy]!;
            const error = estimate.ms - measured;
            rows.push({
              work: `time-saved estimate from a real CLI transcript, ${set.name} hooks, \`${measuredBy}\``,
              baseline: { name: `measured: native − ${measuredBy} per prompt`, ms: measured },
              fanout: estimate.ms,
              ratio: ratioRow(Math.abs(error), nativeAdded),
              ratioAgainst: "native's added latency (|estimate − measured|)",
              target: `≤ ${TARGET}×`,
              pass: Math.abs(error) <= TARGET * nativeAdded,
              note:
                `estimate ${Math.round(estimate.ms)} ms vs measured ${Math.round(measured)} ms, error ${Math.round(error)} ms; ` +
                `native +${Math.round(nativeAdded)} ms, ${measuredBy} +${Math.round(m[measuredBy]! - m.none!)} ms over no hooks (${Math.round(m.none!)} ms); ` +
                `medians of ${rounds} prompts, ${estimate.firings} firings estimated, ${os.availableParallelism()} cores`,
            });
          }
        } finally {
          for (const session of sessions.values()) await session.close();
        }
      }
    } finally {
      await setup.close();
    }
    return rows;
  },
};
