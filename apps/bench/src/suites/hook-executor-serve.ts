// hook-executor serve (issue 11 §Benchmarks), in one run, interleaved per repetition. The server
// runs as Claude Code would find it (warm, started once); each event is one POST from a warm
// keep-alive client, as Claude Code's http hooks make it.
//   1. 21 UserPromptSubmit command hooks of `sleep 0.05` through `serve`: ≤ 50 ms + 15 ms per
//      event; beside `hook-executor run` (a process per event) and `xargs -P 21`.
//   2. 21 module hooks doing light work (read the input, return context) through `serve`: ≤ 5 ms
//      per event; against the same logic as 21 `node` command hooks under `xargs -P 21`.
// Notes: the same 21 modules with `"isolate": true` (warm worker threads), and through `run`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ratioRow, timed } from '../measure.js';
import type { BenchContext, BenchRow, BenchSuite } from '../suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../../../packages/hook-executor/bin/hook-executor.js');
const HOOKS = 21;
const SLEEP_S = 0.05;

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One event as Claude Code sends it to an http hook; resolves with the wall time and the body. */
function postEvent(url: string, token: string, body: string): Promise<{ ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        if (res.statusCode === 200) resolve({ ms: performance.now() - start, body: text });
        else reject(new Error(`HTTP ${res.statusCode}: ${text}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A project dir whose .claude/hook-executor.json holds these UserPromptSubmit handlers. */
function project(root: string, name: string, handlers: Record<string, unknown>[], modules: Record<string, string> = {}): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, '.claude', 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: handlers }] } }));
  for (const [file, source] of Object.entries(modules)) fs.writeFileSync(path.join(dir, '.claude', 'hooks', file), source);
  return dir;
}

export async function startServer(env: NodeJS.ProcessEnv, state: string): Promise<{ url: string; token: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 500; i++) {
    try {
      const s = JSON.parse(fs.readFileSync(path.join(state, 'serve.json'), 'utf8')) as { url?: string; pid: number };
      if (s.url && s.pid === child.pid) return { url: s.url, token: fs.readFileSync(path.join(state, 'token'), 'utf8').trim(), child };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill();
  throw new Error('hook-executor serve did not start');
}

/**
 * The machine's floor for the sleep workload when nothing has to be spawned on the critical path:
 * 21 shells started beforehand (as serve's warm shells are), then told at once to run the hooks'
 * commands themselves (no second shell, as serve runs a shell-form hook); the time until all have
 * ended. serve adds its HTTP round trip, config check, merge and record.
 */
export async function prestartedFloor(commands: readonly string[], input: string): Promise<number> {
  const script = `IFS= read -r line <&3 || exit 127\nexec 3<&-\neval "$line"`;
  const shells = commands.map(() => spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true }));
  await new Promise((r) => setTimeout(r, 300));
  const start = performance.now();
  await Promise.all(
    shells.map(
      (shell, i) =>
        new Promise((resolve) => {
          shell.stdout!.resume();
          shell.stderr!.resume();
          shell.on('close', resolve);
          (shell.stdio[3] as NodeJS.WritableStream).end(`${commands[i]}\n`);
          shell.stdin!.end(input);
        }),
    ),
  );
  return performance.now() - start;
}

export const suite: BenchSuite = {
  name: 'hook-executor-serve',
  quick: true,
  async run(context: BenchContext): Promise<BenchRow[]> {
    if (!fs.existsSync(path.join(path.dirname(BIN), '../dist/serve/main.js'))) throw new Error('build hook-executor first (dist/serve missing)');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hook-executor-serve-'));
    const state = path.join(root, 'state');
    const env = { ...process.env, HOME: root, HOOK_EXECUTOR_STATE_DIR: state, HOOK_MONITOR_DIR: path.join(root, 'monitor') };
    delete (env as NodeJS.ProcessEnv).CLAUDE_PROJECT_DIR;
    const server = await startServer(env, state);
    try {
      const sleepCommands = Array.from({ length: HOOKS }, (_, i) => `sleep ${SLEEP_S}; : ${i + 1}`);
      const sleeps = project(root, 'sleeps', sleepCommands.map((command, i) => ({ id: `sleep-${i + 1}`, type: 'command', command })));
      const moduleSource = (i: number) =>
        `export default (input) => ({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'hook ${i}: ' + ` +
          `input.prompt.split(' ').length + ' words' } });\n`;
      const modules = Object.fromEntries(Array.from({ length: HOOKS }, (_, i) => [`light-${i + 1}.mjs`, moduleSource(i + 1)]));
      const moduleHandlers = (isolate: boolean) =>
        Object.keys(modules).map((file) => ({ type: 'module', module: `./hooks/${file}`, ...(isolate ? { isolate: true } : {}) }));
      const light = project(root, 'modules', moduleHandlers(false), modules);
      const isolated = project(root, 'isolated', moduleHandlers(true), modules);
      // The same logic as a node command hook: read the input, parse it, print the context JSON.
      const nodeHook = (i: number) =>
        `${process.execPath} -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);` +
        `console.log(JSON.stringify({hookSpecificOutput:{hookEventName:"UserPromptSubmit",additionalContext:"hook ${i}: "+i.prompt.split(" ` +
          `").length+" words"}}))})'`;

      const input = (cwd: string) =>
        JSON.stringify({ session_id: 'bench', cwd, hook_event_name: 'UserPromptSubmit', prompt: 'Refactor the pagination module and add tests.' });
      const inputFile = path.join(root, 'input.json');
      fs.writeFileSync(inputFile, input(root));
      const xargs = (name: string, commands: readonly string[]) => {
        const list = path.join(root, `${name}.xargs`);
        if (!fs.existsSync(list)) fs.writeFileSync(list, commands.map((c) => `${c} < '${inputFile}'`).join('\0'));
        return timed('sh', ['-c', `xargs -0 -P ${HOOKS} -n 1 sh -c < '${list}'`], '', env);
      };
      const nodeCommands = Array.from({ length: HOOKS }, (_, i) => nodeHook(i + 1));
      const viaServe = async (dir: string, check?: string) => {
        const answer = await postEvent(`${server.url}/hooks/UserPromptSubmit`, server.token, input(dir));
        if (check && !answer.body.includes(check)) throw new Error(`unexpected answer: ${answer.body.slice(0, 200)}`);
        return answer.ms;
      };
      const viaRun = (dir: string) => timed(process.execPath, [BIN, 'run', '--event', 'UserPromptSubmit'], input(dir), env);

      // Warm-up: the server's config cache and module imports, the workers, node and the page cache.
      for (const dir of [sleeps, light, isolated]) await viaServe(dir);
      const settle = () => new Promise((r) => setTimeout(r, 300)); // prompts come seconds apart: the server restarts its warm shells in between
      await Promise.all([xargs('sleeps', sleepCommands), xargs('node', nodeCommands), viaRun(sleeps), viaRun(light)]);
      const t = {
        floor: [] as number[],
        serveSleep: [] as number[],
        runSleep: [] as number[],
        xargsSleep: [] as number[],
        serveModules: [] as number[],
        serveIsolated: [] as number[],
        runModules: [] as number[],
        xargsNode: [] as number[],
      };
      for (let rep = 0; rep < context.reps; rep++) {
        for (let k = 0; k < 3; k++) {
          await settle();
          t.serveSleep.push(await viaServe(sleeps));
        }
        t.floor.push(await prestartedFloor(sleepCommands, input(sleeps)));
        t.runSleep.push(await viaRun(sleeps));
        t.xargsSleep.push(await xargs('sleeps', sleepCommands));
        for (let k = 0; k < 10; k++) t.serveModules.push(await viaServe(light, 'hook 21: 7 words'));
        for (let k = 0; k < 10; k++) t.serveIsolated.push(await viaServe(isolated, 'hook 21: 7 words'));
        t.runModules.push(await viaRun(light));
        t.xargsNode.push(await xargs('node', nodeCommands));
        context.log(
          `hook-executor-serve rep ${rep + 1}/${context.reps}: sleep ×${HOOKS} serve ${Math.round(t.serveSleep.at(-1)!)} / run ` +
            `${Math.round(t.runSleep.at(-1)!)} / xargs ${Math.round(t.xargsSleep.at(-1)!)} ms; ` +
            `modules ×${HOOKS} serve ${t.serveModules.at(-1)!.toFixed(2)} ms (isolated ${t.serveIsolated.at(-1)!.toFixed(2)}) / node hooks under ` +
              `xargs ${Math.round(t.xargsNode.at(-1)!)} ms`,
        );
      }
      const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
      const sleepTarget = SLEEP_S * 1000 + 15;
      return [
        {
          work: `${HOOKS} UserPromptSubmit hooks × sleep ${SLEEP_S * 1000} ms, one POST to serve`,
          baseline: { name: `hook-executor run (a process per event)`, ms: m.runSleep },
          peer: { name: `xargs -P ${HOOKS}`, ms: m.xargsSleep },
          fanout: m.serveSleep,
          ratio: ratioRow(m.serveSleep, sleepTarget),
          ratioAgainst: '50 ms + 15 ms',
          target: '≤ 1.0× (≤ 65 ms)',
          pass: m.serveSleep <= sleepTarget,
          note:
            `${Math.round(m.serveSleep - SLEEP_S * 1000)} ms over the hook itself; ${ratioRow(m.serveSleep, m.runSleep)}× run, ` +
              `${ratioRow(m.serveSleep, m.xargsSleep)}× xargs -P ${HOOKS}; ` +
            `the machine's floor (${HOOKS} pre-started shells running the hooks' commands at once, no HTTP, no merge) ${Math.round(m.floor)} ms (medians of ` +
              `${t.serveSleep.length} / ${t.runSleep.length})`,
        },
        {
          work: `${HOOKS} module hooks, light work (read the input, return context), one POST to serve`,
          baseline: { name: `the same logic as ${HOOKS} node command hooks under xargs -P ${HOOKS}`, ms: m.xargsNode },
          fanout: m.serveModules,
          ratio: ratioRow(m.serveModules, 5),
          ratioAgainst: '5 ms',
          target: '≤ 1.0× (≤ 5 ms)',
          pass: m.serveModules <= 5,
          note:
            `${ratioRow(m.serveModules, m.xargsNode)}× the node hooks; with "isolate": true (warm workers) ${m.serveIsolated.toFixed(2)} ms; ` +
            `through run (imported per process) ${Math.round(m.runModules)} ms (medians of ${t.serveModules.length} / ${t.runModules.length})`,
        },
      ];
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
      agent.destroy();
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
