#!/usr/bin/env node
// What a registered-but-idle plugin hook costs per event: runs each case N times, one after
// another, with a hook input on stdin, and prints the median and p90 wall time per call.
//   node scripts/measure-hook-cost.mjs [N]
// Cases: bare `node -e ''` (the floor of anything written in node), the plugin's sh launcher when
// no executor config exists / when the config has no hook for the event, the same when a hook of
// the event exists but its matcher does not match (node starts, hook-executor's no-match path),
// hook-executor called directly (no plugin launcher), and a switched-off guard.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const N = Number(process.argv[2] ?? 30);
const pluginRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hookBin = path.join(pluginRoot, 'bin', 'fanout-hook');
const executorBin = path.resolve(pluginRoot, '../../packages/hook-executor/bin/hook-executor.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'fanout-plugin-cost-'));
const home = path.join(root, 'home');
const project = path.join(root, 'project');
mkdirSync(path.join(home, '.claude'), { recursive: true });
mkdirSync(path.join(project, '.claude'), { recursive: true });
const input = JSON.stringify({ session_id: 's', cwd: project, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/x' } });
const env = { PATH: process.env.PATH ?? '', HOME: home, CLAUDE_PROJECT_DIR: project, HOOK_MONITOR_DIR: path.join(root, 'monitor') };
/** @param {Record<string, unknown>} hooks */
const config = (hooks) => writeFileSync(path.join(project, '.claude', 'hook-executor.json'), JSON.stringify({ hooks }));

/** @param {string} command @param {string[]} args */
function time(command, args) {
  const ms = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { input, env, cwd: project });
    ms.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(N / 2)] ?? NaN, p90: ms[Math.floor(N * 0.9)] ?? NaN };
}

/** @type {{ name: string, p50: number, p90: number }[]} */
const rows = [];
/** @param {string} name @param {string} command @param {string[]} args */
const add = (name, command, args) => rows.push({ name, ...time(command, args) });
try {
  add("node -e ''", process.execPath, ['-e', '']);
  add('plugin run, no executor config', 'sh', [hookBin, 'run', '--event', 'PreToolUse']);
  config({ UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'true' }] }] });
  add('plugin run, config without this event', 'sh', [hookBin, 'run', '--event', 'PreToolUse']);
  config({ PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'true' }] }] });
  add('plugin run, event configured, matcher misses', 'sh', [hookBin, 'run', '--event', 'PreToolUse']);
  add('hook-executor run directly, matcher misses', process.execPath, [executorBin, 'run', '--event', 'PreToolUse']);
  config({ PreToolUse: [{ hooks: [{ type: 'command', command: 'true' }] }] });
  add('plugin run, one `true` hook runs', 'sh', [hookBin, 'run', '--event', 'PreToolUse']);
  add('plugin guard parallel-reminder (off)', 'sh', [hookBin, 'guard', 'parallel-reminder']);
} finally {
  rmSync(root, { recursive: true, force: true });
}
const width = Math.max(...rows.map((r) => r.name.length));
process.stdout.write(`${N} calls each, one after another (${os.cpus().length} cores, node ${process.version})\n`);
for (const r of rows) process.stdout.write(`${r.name.padEnd(width)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p90 ${r.p90.toFixed(1).padStart(6)} ms\n`);
