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
  for (let i = 0; i < 1000 && (warm as unknown as { idle: unknown[] }).idle.length < 8; i++) await sleep(10);
}

/** Until every command seen so far has had its parse checked (they run between events). */
async function parsed(): Promise<void> {
  const parses = (warm as unknown as { parses: Map<string, unknown> }).parses;
  for (let i = 0; i < 1000 && [...parses.values()].includes('pending'); i++) await sleep(10);
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

  test('a shell-form hook run in its warm shell (no second shell) reads exactly as `/bin/sh -c` does', async () => {
    const dir = tempDir();
    const commands = [
      'echo "$0|$-|$#|$*|$?"',
      'nosuch_cmd_x; echo "rc=$?"',
      'echo $(nosuch_y) done',
      'cd /nonexistent-dir',
      'f() { return 4; }; f; echo "f=$?"',
      'set -e; false; echo unreachable',
      'trap; trap "echo bye" EXIT; echo x',
      'trap "echo got; exit 7" TERM; kill -TERM $$; echo after',
      'kill -USR1 $$; echo after',
      'shift',
      'set -u; echo $undefined_v',
      'read -r line; echo "read ${#line} bytes"',
      'echo "PWD=$PWD OLDPWD=${OLDPWD-unset}"; set',
      'env | sort',
      'exec echo via-exec',
      'echo one\necho "two"; exit 5',
      // These run by exec (a second shell): they would read differently as a trap action.
      'if then',
      'echo "unterminated',
      'echo a \\',
      'cat <<EOF\nhere\nEOF',
    ];
    const config = simpleConfig('Stop', commands.map((command, i) => ({ id: `c${i}`, command })));
    const env: NodeJS.ProcessEnv = { ...baseEnv, CLAUDE_PROJECT_DIR: dir, OLDPWD: '/', PWD: dir };
    const input = { hook_event_name: 'Stop', cwd: dir, marker: 'STDIN-MARK' };
    const runs = (r: Awaited<ReturnType<typeof executeEvent>>) =>
      r.reports.map((x) => [x.planned.handler.id, x.run?.exitCode, x.run?.signal, x.run?.stdout, x.run?.stderr]);
    const spawned = runs(await executeEvent('Stop', input, config, { projectDir: dir, env }));
    expect(spawned[1]![4]).toBe('/bin/sh: 1: nosuch_cmd_x: not found\n'); // as Claude Code runs it: /bin/sh, not the first sh on PATH
    // The first sight of a command runs it by exec while its parse is checked (between events);
    // later ones in place, 8 at a time (the pool's size; the rest would be spawned).
    await ready();
    expect(runs(await executeEvent('Stop', input, config, { projectDir: dir, env, warmShells: warm }))).toEqual(spawned);
    await parsed();
    for (let first = 0; first < commands.length; first += 8) {
      const some = simpleConfig('Stop', commands.slice(first, first + 8).map((command, i) => ({ id: `c${first + i}`, command })));
      await ready();
      const inPlace = warm.inPlace;
      expect(runs(await executeEvent('Stop', input, some, { projectDir: dir, env, warmShells: warm }))).toEqual(spawned.slice(first, first + 8));
      expect(warm.inPlace - inPlace).toBe(Math.max(0, Math.min(8, commands.length - 4 - first)));
    }
  });

  test('a timeout kills the warm-started hook’s whole process group (exec’d or run in place)', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const config = simpleConfig('Stop', [{ id: 'slow', command: `sh -c 'echo $$ >> ${pids}; sleep 30' & echo $$ >> ${pids}; wait`, timeout: 1.5 }]);
    for (const inPlace of [0, 1]) {
      await ready();
      await parsed();
      fs.rmSync(pids, { force: true });
      const [taken, ranInPlace] = [warm.taken, warm.inPlace];
      const result = await executeEvent('Stop', { hook_event_name: 'Stop', cwd: dir }, config, { projectDir: dir, killGraceMs: 100, warmShells: warm });
      expect([warm.taken - taken, warm.inPlace - ranInPlace]).toEqual([1, inPlace]);
      expect(result.record.hooks[0]).toMatchObject({ timed_out: true });
      const started = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
      expect(started).toHaveLength(2);
      for (let i = 0; i < 500 && started.some(alive); i++) await sleep(20);
      expect(started.filter(alive)).toEqual([]);
    }
  });
});
