#!/usr/bin/env node
// One very long line against the built CLIs: `swarm --input`, `swarm --resume` and `hook-monitor
// report` / `waterfall --last`, each in its own process, timed with its peak RSS (/usr/bin/time).
// Needs the built swarm and hook-monitor.  Usage: node scripts/measure-long-lines.mjs [--mb 40,300]
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '40,300' } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SWARM = path.join(root, 'packages/swarm/bin/swarm.js');
const MONITOR = path.join(root, 'packages/hook-monitor/bin/hook-monitor.js');

/** Writes `head` + `mb` MiB of `x` + `tail` + "\n" without holding the line in memory. */
function writeLongLine(file, mb, head, tail, before = '') {
  const fd = openSync(file, 'w');
  const mib = Buffer.alloc(1024 * 1024, 'x');
  writeSync(fd, before + head);
  for (let i = 0; i < mb; i++) writeSync(fd, mib);
  writeSync(fd, `${tail}\n`);
  closeSync(fd);
}

/** Runs node `args` under /usr/bin/time: wall seconds, peak RSS in MB, exit code, first stderr line. */
function measure(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const lines = r.stderr.trim().split('\n');
  const [wall, kb] = lines.at(-1).split(' ').map(Number);
  return { s: wall, rssMb: Math.round(kb / 1024), code: r.status, said: lines.slice(0, -1).join(' ').slice(0, 110) };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'long-lines-'));
try {
  execFileSync('/usr/bin/time', ['-f', '', 'true']);
  for (const mb of values.mb.split(',').map(Number)) {
    const input = path.join(dir, `input-${mb}.jsonl`);
    writeLongLine(input, mb, '{"id":"2","prompt":"', '"}', '{"id":"1","prompt":"hi"}\n');
    const results = path.join(dir, `results-${mb}.jsonl`);
    writeLongLine(results, mb, '{"id":"0","persona":null,"content":"', '"}');
    const store = path.join(dir, `store-${mb}`);
    execFileSync('mkdir', ['-p', store]);
    writeLongLine(path.join(store, 'runs.jsonl'), mb, '{"v":1,"run_id":"', '"}');
    const rows = {
      'swarm --input (line refused)': measure([SWARM, '--input', input, '--out', path.join(dir, 'r.jsonl'), '--provider', 'sim', '--force']),
      'swarm --resume (line ignored)': measure([SWARM, 'q', '--n', '3', '--out', results, '--resume', '--provider', 'sim', '--json']),
      'hook-monitor report (line counted corrupt)': measure([MONITOR, 'report', '--dir', store, '--json']),
      'hook-monitor waterfall --last': measure([MONITOR, 'waterfall', '--dir', store, '--last']),
    };
    for (const [name, m] of Object.entries(rows)) {
      console.log(`${mb} MiB line | ${name} | ${m.s} s | ${m.rssMb} MB | exit ${m.code} | ${m.said}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
