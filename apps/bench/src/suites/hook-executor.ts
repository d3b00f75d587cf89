// hook-executor (issue 6 §Benchmarks), everything in one run, interleaved per repetition:
//   1. 21 UserPromptSubmit hooks of `sleep 0.05`: one after another (the seed: a shell loop that
//      pipes the input to each hook in turn), `xargs -P 21`, and `hook-executor run`.
//      Targets: ≤ 0.12× one after another, and ≤ bare `node -e ''` + 50 ms (the hook) + 25 ms.
//   2. 21 CPU-bound `python3 -c` hooks that parse the input JSON: ≤ 1.2× `xargs -P 21`.
//   3. An event with no matching hook: ≤ bare `node -e ''` + 15 ms.
// Every hook command is distinct (Claude Code, and hook-executor, run an identical command once).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ratioRow, timed } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../../../packages/hook-executor/bin/hook-executor.js');
const HOOKS = 21;
const SLEEP_S = 0.05;

/** The interpreter behind `python3` (a pyenv shim would add its own start-up to every hook). */
function python(): string {
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : 'python3';
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

interface Workload {
  readonly name: string;
  /** Hook commands, in config order. */
  readonly commands: readonly string[];
  readonly config: string;
}

function workload(dir: string, name: string, commands: string[]): Workload {
  const config = path.join(dir, `${name}.json`);
  const hooks = commands.map((command, i) => ({ id: `${name}-${i + 1}`, type: 'command', command }));
  fs.writeFileSync(config, JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks }] } }));
  return { name, commands, config };
}

export const suite: BenchSuite = {
  name: 'hook-executor',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    if (!fs.existsSync(path.join(path.dirname(BIN), '../dist/run/main.js'))) throw new Error('build hook-executor first (dist/ missing)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hook-executor-'));
    const env = { ...process.env, HOME: dir, HOOK_MONITOR_DIR: path.join(dir, 'monitor'), CLAUDE_PROJECT_DIR: dir };
    const input = JSON.stringify({
      session_id: 'bench',
      transcript_path: path.join(dir, 't.jsonl'),
      cwd: dir,
      hook_event_name: 'UserPromptSubmit',
      prompt: 'Refactor the pagination module and add tests.',
    });
    const inputFile = path.join(dir, 'input.json');
    fs.writeFileSync(inputFile, input);
    try {
      const py = python();
      const cpuScript = 'import json,sys\nd=json.load(sys.stdin)\ns=0\nfor i in range(400000): s+=i*i%7\n';
      const sleeps = workload(dir, 'sleep', Array.from({ length: HOOKS }, (_, i) => `sleep ${SLEEP_S}; : ${i + 1}`));
      const cpu = workload(dir, 'cpu', Array.from({ length: HOOKS }, (_, i) => `${py} -c ${shellQuote(cpuScript)} ${i + 1}`));
      const nomatch = path.join(dir, 'nomatch.json');
      fs.writeFileSync(nomatch, JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'echo never' }] }] } }));
      const bashInput = JSON.stringify({ session_id: 'bench', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } });

      // The seed: one script piping the input to each hook in turn.
      const sequential = (w: Workload) =>
        timed('sh', ['-c', `in=$(cat); ${w.commands.map((c) => `printf '%s' "$in" | sh -c ${shellQuote(c)}`).join('; ')}`], input, env);
      // The naive parallel peer: xargs -P, each hook reading the input file.
      const xargs = (w: Workload) => {
        const list = path.join(dir, `${w.name}.xargs`);
        if (!fs.existsSync(list)) fs.writeFileSync(list, w.commands.map((c) => `${c} < ${shellQuote(inputFile)}`).join('\0'));
        return timed('sh', ['-c', `xargs -0 -P ${HOOKS} -n 1 sh -c < ${shellQuote(list)}`], '', env);
      };
      const executor = (config: string, stdin = input, event = 'UserPromptSubmit') =>
        timed(process.execPath, [BIN, 'run', '--event', event, '--config', config], stdin, env);
      const bare = () => timed(process.execPath, ['-e', ''], '', env);
      // The floor of any one-shot Node executor: node itself spawning the 21 hooks (pipes, own
      // process groups) and waiting, with nothing else (no config, no merge, no record).
      const spawnFloorScript =
        `const {spawn}=require('node:child_process');const cmds=${JSON.stringify(sleeps.commands)};let n=cmds.length;` +
        `for(const c of cmds){const ` +
          `p=spawn('/bin/sh',['-c',c],{stdio:'pipe',detached:true});p.stdout.resume();p.stderr.resume();p.stdin.end(process.argv[1]);p.on('close',()=>--n||0)}`;
      const nodeFloor = () => timed(process.execPath, ['-e', spawnFloorScript, input], '', env);

      // Warm-up: page cache, python, node.
      await Promise.all([sequential(sleeps).then(() => 0), executor(sleeps.config), executor(cpu.config), xargs(cpu), xargs(sleeps), bare()]);
      const t = {
        seq: [] as number[],
        xargs: [] as number[],
        exec: [] as number[],
        bare: [] as number[],
        spawnFloor: [] as number[],
        cpuSeq: [] as number[],
        cpuX: [] as number[],
        cpuExec: [] as number[],
        none: [] as number[],
        noneBare: [] as number[],
      };
      for (let rep = 0; rep < context.reps; rep++) {
        t.seq.push(await sequential(sleeps));
        t.xargs.push(await xargs(sleeps));
        t.bare.push(await bare());
        t.exec.push(await executor(sleeps.config));
        t.spawnFloor.push(await nodeFloor());
        t.cpuX.push(await xargs(cpu));
        t.cpuExec.push(await executor(cpu.config));
        if (rep < 3) t.cpuSeq.push(await sequential(cpu)); // 2 s each: three are enough for a reference
        for (let k = 0; k < 3; k++) {
          t.noneBare.push(await bare());
          t.none.push(await executor(nomatch, bashInput, 'PreToolUse'));
        }
        context.log(
          `hook-executor rep ${rep + 1}/${context.reps}: sleep ×${HOOKS} seq ${Math.round(t.seq.at(-1)!)} / xargs ${Math.round(t.xargs.at(-1)!)} / ` +
            `run ${Math.round(t.exec.at(-1)!)} ms (node ${Math.round(t.bare.at(-1)!)}), python ×${HOOKS} xargs ${Math.round(t.cpuX.at(-1)!)} / run ` +
            `${Math.round(t.cpuExec.at(-1)!)} ms, no hook ${Math.round(t.none.at(-1)!)} ms`,
        );
      }
      const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
      const floor = m.bare + SLEEP_S * 1000 + 25;
      const noneFloor = m.noneBare + 15;
      return [
        {
          work: `${HOOKS} UserPromptSubmit hooks × sleep ${SLEEP_S * 1000} ms`,
          baseline: { name: 'one after another (shell loop)', ms: m.seq },
          peer: { name: `xargs -P ${HOOKS}`, ms: m.xargs },
          fanout: m.exec,
          ratio: ratioRow(m.exec, m.seq),
          ratioAgainst: 'one after another',
          target: '≤ 0.12×',
          pass: m.exec <= 0.12 * m.seq,
          note: `${ratioRow(m.exec, m.xargs)}× xargs -P ${HOOKS}`,
        },
        {
          work: `${HOOKS} UserPromptSubmit hooks × sleep ${SLEEP_S * 1000} ms, vs node's floor`,
          baseline: { name: `bare node -e '' (${Math.round(m.bare)} ms) + 50 + 25 ms`, ms: floor },
          peer: { name: `xargs -P ${HOOKS}`, ms: m.xargs },
          fanout: m.exec,
          ratio: ratioRow(m.exec, floor),
          ratioAgainst: 'bare node + 75 ms',
          target: '≤ 1.0×',
          pass: m.exec <= floor,
          note:
            `${Math.round(m.exec - m.bare)} ms over bare node; ${ratioRow(m.exec, m.xargs)}× xargs -P; ` +
            `node alone spawning the ${HOOKS} hooks and waiting: ${Math.round(m.spawnFloor)} ms (the floor of a one-shot Node executor here)`,
        },
        {
          work: `${HOOKS} CPU-bound python3 hooks parsing the input JSON`,
          baseline: { name: 'one after another (shell loop)', ms: median(t.cpuSeq) },
          peer: { name: `xargs -P ${HOOKS}`, ms: m.cpuX },
          fanout: m.cpuExec,
          ratio: ratioRow(m.cpuExec, m.cpuX),
          ratioAgainst: `xargs -P ${HOOKS}`,
          target: '≤ 1.2×',
          pass: m.cpuExec <= 1.2 * m.cpuX,
          note: `${os.cpus().length} cores`,
        },
        {
          work: 'an event with no matching hook',
          baseline: { name: `bare node -e '' (${Math.round(m.noneBare)} ms) + 15 ms`, ms: noneFloor },
          fanout: m.none,
          ratio: ratioRow(m.none, noneFloor),
          ratioAgainst: 'bare node + 15 ms',
          target: '≤ 1.0×',
          pass: m.none <= noneFloor,
          note: `${Math.round(m.none - m.noneBare)} ms over bare node (medians of ${t.none.length})`,
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
