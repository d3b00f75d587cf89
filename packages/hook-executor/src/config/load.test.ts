import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '../errors.js';
import { tempDir } from '../test-helpers/fixtures.js';
import { loadConfig, mergeConfigFiles } from './load.js';
import { configLocations } from './paths.js';
import { validateConfigFile } from './validate.js';

function problem(raw: unknown): string {
  try {
    mergeConfigFiles([validateConfigFile(raw, '.claude/hook-executor.json')]);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const cmd = (extra: Record<string, unknown> = {}) => ({ type: 'command', command: 'true', ...extra });

describe('validation names the file and the JSON path', () => {
  test('a timeout written as text', () => {
    const raw = { hooks: { PreToolUse: [{ hooks: [cmd(), cmd({ command: 'a' }), cmd({ timeout: '30s' })] }] } };
    expect(problem(raw)).toBe('.claude/hook-executor.json: hooks.PreToolUse[0].hooks[2].timeout must be a number of seconds, got "30s"');
  });

  test('a timeout longer than a Node timer can wait (it would fire after 1 ms) is refused; the longest one is kept', () => {
    const raw = (timeout: number) => ({ hooks: { PreToolUse: [{ hooks: [cmd({ id: 'gate', timeout })] }] } });
    expect(problem(raw(2_147_484))).toBe(
      '.claude/hook-executor.json: hooks.PreToolUse[0].hooks[0].timeout must be at most 2147483 seconds (about 24 days, the longest timer Node ' +
        'has), got 2147484',
    );
    expect(problem(raw(1e12))).toMatch(/timeout must be at most 2147483 seconds/);
    const longest = mergeConfigFiles([validateConfigFile(raw(2_147_483), 'x.json')]);
    expect(longest.events.get('PreToolUse')![0]!.timeout).toBe(2_147_483);
  });

  test('unsupported handler types, async, bad matchers, unknown keys', () => {
    expect(problem({ hooks: { Stop: [{ hooks: [{ type: 'prompt', prompt: 'x' }] }] } })).toMatch(
      /hooks\.Stop\[0\]\.hooks\[0\]\.type "prompt" is not supported/,
    );
    expect(problem({ hooks: { Stop: [{ hooks: [cmd({ async: true })] }] } })).toMatch(
      /hooks\.Stop\[0\]\.hooks\[0\]\.async is not supported: use "background": true/,
    );
    expect(problem({ hooks: { PreToolUse: [{ matcher: 'Edit(', hooks: [] }] } })).toMatch(/hooks\.PreToolUse\[0\]\.matcher is not a valid regular expression/);
    expect(problem({ failfast: true })).toMatch(/^\.claude\/hook-executor\.json: failfast is not a known field/);
    expect(problem({ hooks: { Stop: { hooks: [] } } })).toMatch(/hooks\.Stop must be an array of matcher groups/);
    expect(problem({ concurrency: 0 })).toMatch(/concurrency must be an integer from 1 and up, got 0/);
  });

  test('unknown ids and cycles are rejected with their names', () => {
    const unknown = { hooks: { PreToolUse: [{ hooks: [cmd({ id: 'lint', after: ['format'] })] }] } };
    expect(problem(unknown)).toMatch(/hooks\.PreToolUse\[0\]\.hooks\[0\]\.after\[0\] names unknown id "format" \(ids in PreToolUse: lint\)/);
    const cycle = {
      hooks: {
        PreToolUse: [{ hooks: [cmd({ id: 'a', after: ['c'] }), cmd({ id: 'b', after: ['a'], command: 'b' }), cmd({ id: 'c', after: ['b'], command: 'c' })] }],
      },
    };
    expect(problem(cycle)).toMatch(/hooks\.PreToolUse has a dependency cycle: a → c → b → a/);
    const dup = { hooks: { Stop: [{ hooks: [cmd({ id: 'x' }), cmd({ id: 'x', command: 'y' })] }] } };
    expect(problem(dup)).toMatch(/hooks\.Stop\[0\]\.hooks\[1\]\.id repeats id "x"/);
    const bg = { hooks: { Stop: [{ hooks: [cmd({ id: 'x', background: true }), cmd({ id: 'y', after: ['x'], command: 'y' })] }] } };
    expect(problem(bg)).toMatch(/waits for "x", a background hook/);
  });

  test('ids are derived from the command when missing, stable and unique', () => {
    const config = mergeConfigFiles([
      validateConfigFile(
        {
          hooks: {
            PreToolUse: [
              {
                hooks: [
                  cmd({ command: '"$CLAUDE_PROJECT_DIR"/.claude/hooks/format.sh --fix' }),
                  cmd({ command: 'node scripts/lint.js' }),
                  cmd({ command: 'python3 -m mypy .' }),
                  cmd({ command: 'npx prettier --check .' }),
                  cmd({ command: 'npx prettier --write .' }),
                  cmd({ id: 'prettier-2', command: 'x' }),
                ],
              },
            ],
          },
        },
        'f.json',
      ),
    ]);
    expect(config.events.get('PreToolUse')!.map((h) => h.id)).toEqual(['format', 'lint', 'mypy', 'prettier', 'prettier-3', 'prettier-2']);
  });
});

describe('the breaker settings', () => {
  test('defaults, a file setting some fields, a hook setting its own, and false', () => {
    const plain = mergeConfigFiles([validateConfigFile({ hooks: { Stop: [{ hooks: [cmd()] }] } }, 'a.json')]);
    expect(plain.breaker).toEqual({ after: 3, coolOff: 600 });
    const user = validateConfigFile({ breaker: { after: 5 } }, 'user.json');
    const project = validateConfigFile(
      {
        breaker: { coolOff: 60 },
        hooks: { Stop: [{ hooks: [cmd({ id: 'a', gate: true, breaker: { after: 1 } }), cmd({ id: 'b', command: 'b', breaker: false })] }] },
      },
      'project.json',
    );
    const merged = mergeConfigFiles([user, project]);
    expect(merged.breaker).toEqual({ after: 5, coolOff: 60 });
    expect(merged.events.get('Stop')!.map((h) => [h.id, h.gate, h.breaker])).toEqual([
      ['a', true, { after: 1 }],
      ['b', undefined, false],
    ]);
    expect(mergeConfigFiles([user, validateConfigFile({ breaker: false }, 'local.json')]).breaker).toBe(false);
    expect(mergeConfigFiles([validateConfigFile({ breaker: false }, 'x.json'), validateConfigFile({ breaker: { after: 2 } }, 'y.json')]).breaker).toEqual({
      after: 2,
      coolOff: 600,
    });
  });

  test('mistakes name the field', () => {
    const at = (handler: Record<string, unknown>) => ({ hooks: { Stop: [{ hooks: [cmd(handler)] }] } });
    expect(problem({ breaker: { after: 0 } })).toBe(
      '.claude/hook-executor.json: breaker.after must be a whole number of timeouts or crashes in a row, from 1 up, got 0',
    );
    expect(problem({ breaker: { after: 2.5 } })).toMatch(/breaker\.after must be a whole number/);
    expect(problem({ breaker: { coolOff: -1 } })).toMatch(
      /^\.claude\/hook-executor\.json: breaker\.coolOff must be a number of seconds above 0, at most 2147483, got -1$/,
    );
    expect(problem({ breaker: { cooloff: 5 } })).toMatch(/breaker\.cooloff is not a known field \(expected one of: after, coolOff\)/);
    expect(problem({ breaker: true })).toMatch(/breaker must be false or an object like \{"after": 3, "coolOff": 600\}, got true/);
    expect(problem(at({ gate: 'yes' }))).toBe('.claude/hook-executor.json: hooks.Stop[0].hooks[0].gate must be true or false, got "yes"');
    expect(problem(at({ breaker: { after: '3' } }))).toMatch(/hooks\.Stop\[0\]\.hooks\[0\]\.breaker\.after must be a whole number/);
  });
});

describe('loading files', () => {
  test('user then project then local, concatenated in that order; later options win', () => {
    const home = tempDir();
    const project = tempDir();
    fs.mkdirSync(path.join(home, '.claude'));
    fs.mkdirSync(path.join(project, '.claude'));
    fs.writeFileSync(path.join(home, '.claude/hook-executor.json'), JSON.stringify({ concurrency: 2, hooks: { Stop: [{ hooks: [cmd({ id: 'u' })] }] } }));
    fs.writeFileSync(
      path.join(project, '.claude/hook-executor.json'),
      JSON.stringify({ concurrency: 4, hooks: { Stop: [{ hooks: [cmd({ id: 'p', command: 'p', after: ['u'] })] }] } }),
    );
    const config = loadConfig(configLocations(project, home));
    expect(config.events.get('Stop')!.map((h) => h.id)).toEqual(['u', 'p']);
    expect(config.concurrency).toBe(4);
    expect(config.files).toEqual(['~/.claude/hook-executor.json', '.claude/hook-executor.json']);
  });

  test('broken JSON names line and column, and a failClosed in it still counts', () => {
    const project = tempDir();
    fs.mkdirSync(path.join(project, '.claude'));
    fs.writeFileSync(path.join(project, '.claude/hook-executor.json'), '{\n  "failClosed": true,\n  "hooks": {,}\n}\n');
    let error: ConfigError | undefined;
    try {
      loadConfig(configLocations(project, tempDir()));
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.message).toMatch(/^\.claude\/hook-executor\.json: is not valid JSON at line 3, column \d+/);
    expect(error?.failClosed).toBe(true);
  });

  test('a valid file saying failClosed makes a problem elsewhere fail closed', () => {
    const home = tempDir();
    const project = tempDir();
    fs.mkdirSync(path.join(home, '.claude'));
    fs.mkdirSync(path.join(project, '.claude'));
    fs.writeFileSync(path.join(home, '.claude/hook-executor.json'), '{"hooks": {"Stop": 3}}');
    fs.writeFileSync(path.join(project, '.claude/hook-executor.json'), '{"failClosed": true}');
    expect(() => loadConfig(configLocations(project, home))).toThrow(expect.objectContaining({ failClosed: true }));
  });

  test('missing files are fine; a missing --config file is not', () => {
    expect(loadConfig(configLocations(tempDir(), tempDir())).events.size).toBe(0);
    expect(() => loadConfig(configLocations(tempDir(), tempDir(), '/nonexistent/x.json'))).toThrow(/x\.json: cannot be read \(ENOENT\)/);
  });
});
