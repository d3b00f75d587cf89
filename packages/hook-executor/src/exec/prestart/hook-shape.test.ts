import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { startWay } from '../../commands/start-way.js';
import type { HandlerConfig } from '../../config/types.js';
import { configOf, tempDir } from '../../test-helpers/fixtures.js';
import { shellWords } from './shell-words.js';

const hook = (fields: Record<string, unknown>): HandlerConfig =>
  configOf({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', ...fields }] }] } }, 'test-config.json', '/tmp').events.get('UserPromptSubmit')![0]!;

describe('shellWords: the words sh -c would exec, for simple commands only', () => {
  const env = { CLAUDE_PROJECT_DIR: '/p q', ONE: 'one', EMPTY: '' };
  test.each([
    [`python3 -c 'print("a b")' x`, ['python3', '-c', 'print("a b")', 'x']],
    [`python3 "$CLAUDE_PROJECT_DIR"/.claude/x.py`, ['python3', '/p q/.claude/x.py']],
    [`node "\${CLAUDE_PROJECT_DIR}/x.js" "a\\"b" c\\ d`, ['node', '/p q/x.js', 'a"b', 'c d']],
    [`echo $ONE ''`, ['echo', 'one', '']],
  ])('%s', (command, words) => {
    expect(shellWords(command, env)).toEqual(words);
  });
  test.each([
    'a | b',
    'a; b',
    'a && b',
    'a > f',
    'x=1 python3 y.py',
    'echo ~/x',
    'echo *.py',
    'echo $(date)',
    'echo `date`',
    'echo $CLAUDE_PROJECT_DIR',
    'echo $EMPTY',
    'echo $1',
    'echo "${X:-d}"',
    "echo 'open",
    '# comment',
  ])('%s is left to the shell', (command) => {
    expect(shellWords(command, env)).toBeUndefined();
  });
});

describe('which hooks serve starts in a pre-started interpreter, and why not', () => {
  const dir = fs.realpathSync(tempDir('hook-shape-'));
  fs.writeFileSync(path.join(dir, 'x.py'), 'print(1)\n');
  fs.writeFileSync(path.join(dir, 'x.js'), 'console.log(1)\n');
  fs.writeFileSync(path.join(dir, 'x.mjs'), 'console.log(1)\n');
  const env = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: dir };
  test.each<[Record<string, unknown>, NodeJS.ProcessEnv, string, string]>([
    [{ command: 'python3 x.py' }, env, 'pre-started python', ''],
    [{ command: '/usr/bin/python3 -c "print(1)"' }, env, 'pre-started python', ''],
    [{ command: 'python3', args: ['x.py', 'a'] }, env, 'pre-started python', ''],
    [{ command: 'node -e 1' }, env, 'pre-started node', ''],
    [{ command: 'node x.js' }, env, 'pre-started node', ''],
    [{ command: 'python3 -u x.py' }, env, 'cold', 'interpreter flag -u'],
    [{ command: 'python3 x.py' }, { ...env, PYTHONPATH: '/lib' }, 'cold', "PYTHONPATH is set (it acts at the interpreter's start-up)"],
    [{ command: 'python3 x.py' }, { ...env, VIRTUAL_ENV: '/venv' }, 'cold', "VIRTUAL_ENV is set (it acts at the interpreter's start-up)"],
    [{ command: 'node x.js' }, { ...env, NODE_OPTIONS: '--max-old-space-size=99' }, 'cold', "NODE_OPTIONS is set (it acts at the interpreter's start-up)"],
    [{ command: 'node x.mjs' }, env, 'cold', 'x.mjs is not a .js or .cjs file'],
    [{ command: 'python3 missing.py' }, env, 'cold', 'missing.py is not a file'],
    [{ command: 'cd sub && python3 x.py' }, env, 'cold', 'not one simple command (operators, redirections, globs or substitutions need a shell)'],
    [{ command: 'python3 x.py', shell: 'bash' }, env, 'cold', 'runs through bash'],
    [{ command: 'sleep 0.05; echo hi' }, env, 'warm shell', ''],
  ])('%j', (fields, hookEnv, way, why) => {
    expect(startWay(hook(fields), dir, hookEnv)).toEqual({ way, ...(why ? { why } : {}) });
  });
});
