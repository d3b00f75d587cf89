// Hooks started from serve's warm shells must see exactly what a spawned hook sees.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { executeEvent } from '../execute-event.js';
import { alive, script, simpleConfig, sleep, tempDir } from '../test-helpers/fixtures.js';
import { WarmShells } from './warm-shells.js';

const baseEnv: NodeJS.ProcessEnv = { ...process.env, REMOVED_LATER: 'x' };
const warm = new WarmShells(8, baseEnv);
afterAll(() => warm.close());

async function ready(): Promise<void> {
  for (let i = 0; i < 200 && (warm as unknown as { idle: unknown[] }).idle.length < 8; i++) await sleep(10);
}

describe('warm shells', () => {
  test('cwd, environment (set, changed, removed, quotes and newlines), stdin, exit codes, exec form, bash: as spawned', async () => {
    const dir = tempDir();
    const argsScript = script(dir, 'args.sh', 'for a in "$@"; do printf "[%s]" "$a"; done; echo');
    const config = simpleConfig('Stop', [
      { id: 'where', command: 'pwd; echo "P=$CLAUDE_PROJECT_DIR Q=$QUOTED R=${REMOVED_LATER-unset}"' },
      { id: 'stdin', command: 'cat' },
      { id: 'exit', command: 'echo out; echo err >&2; exit 3' },
      { id: 'execform', command: argsScript, args: ["it's", 'two\nlines', '$HOME'] },
      { id: 'bash', command: 'echo "${BASH_VERSION:+bash}"', shell: 'bash' },
      { id: 'syntax', command: 'if then' },
    ]);
    const env: NodeJS.ProcessEnv = { ...baseEnv, CLAUDE_PROJECT_DIR: dir, QUOTED: `a'b\nc "d" $e` };
    delete env.REMOVED_LATER;
    const input = { hook_event_name: 'Stop', cwd: dir, marker: 'STDIN-MARK' };
    const spawned = await executeEvent('Stop', input, config, { projectDir: dir, env });
    await ready();
    const warmed = await executeEvent('Stop', input, config, { projectDir: dir, env, warmShells: warm });
    expect(warm.taken).toBeGreaterThanOrEqual(6);
    const runs = (r: typeof spawned) => r.reports.map((x) => [x.planned.handler.id, x.run?.exitCode, x.run?.stdout, x.run?.stderr]);
    expect(runs(warmed)).toEqual(runs(spawned));
    expect(runs(warmed)[0]![2]).toBe(`${dir}\nP=${dir} Q=a'b\nc "d" $e R=unset\n`);
    expect(runs(warmed)[1]![2]).toBe(JSON.stringify(input));
    expect(runs(warmed)[3]![2]).toBe(`[it's][two\nlines][$HOME]\n`);
    expect(runs(warmed)[5]![1]).toBe(2); // a syntax error is exit 2 either way (a block!)
  });

  test('a timeout kills the warm-started hook’s whole process group', async () => {
    await ready();
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const config = simpleConfig('Stop', [{ id: 'slow', command: `sh -c 'echo $$ >> ${pids}; sleep 30' & echo $$ >> ${pids}; wait`, timeout: 0.5 }]);
    const taken = warm.taken;
    const result = await executeEvent('Stop', { hook_event_name: 'Stop', cwd: dir }, config, { projectDir: dir, killGraceMs: 100, warmShells: warm });
    expect(warm.taken).toBe(taken + 1);
    expect(result.record.hooks[0]).toMatchObject({ timed_out: true });
    const started = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    for (let i = 0; i < 50 && started.some(alive); i++) await sleep(20);
    expect(started.filter(alive)).toEqual([]);
  });
});
