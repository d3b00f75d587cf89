// Module hooks through executeEvent (the code path `run` and `serve` share): real ES modules in temp dirs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { executeEvent } from '../execute-event.js';
import { configOf, printJson, tempDir } from '../test-helpers/fixtures.js';

const ups = (dir: string, prompt = 'hello') => ({ session_id: 's', cwd: dir, hook_event_name: 'UserPromptSubmit', prompt });
const pre = (dir: string, command = 'ls') => ({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

/** Writes `hooks/<name>.mjs` under dir and returns the module path as a config names it. */
function moduleFile(dir: string, name: string, source: string): string {
  fs.mkdirSync(path.join(dir, 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'hooks', `${name}.mjs`), source);
  return `./hooks/${name}.mjs`;
}

function config(dir: string, event: string, handlers: Record<string, unknown>[]) {
  return configOf({ hooks: { [event]: [{ hooks: handlers }] } }, '.claude/hook-executor.json', dir);
}

describe('module hooks', () => {
  test('an object is JSON output, a string plain stdout, nothing no answer; merged with command hooks in config order', async () => {
    const dir = tempDir();
    const json = moduleFile(
      dir,
      'json',
      `export default (input) => ({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'JSON saw ' + input.prompt } });`,
    );
    const text = moduleFile(dir, 'text', `export async function context(input, ctx) { return 'TEXT ' + ctx.event + ' ' + ctx.hookId; }`);
    const none = moduleFile(dir, 'none', `export default () => undefined;`);
    const result = await executeEvent(
      'UserPromptSubmit',
      ups(dir),
      config(dir, 'UserPromptSubmit', [
        { type: 'command', command: 'echo CMD first' },
        { type: 'module', module: json },
        { id: 'texty', type: 'module', module: text, export: 'context' },
        { type: 'module', module: none },
      ]),
    );
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).hookSpecificOutput.additionalContext).toBe('CMD first\n\nJSON saw hello\n\nTEXT UserPromptSubmit texty');
    expect(result.record.hooks.map((h) => [h.id, h.exit_code, h.decision])).toEqual([
      ['echo', 0, 'context'],
      ['json', 0, 'context'],
      ['texty', 0, 'context'],
      ['none', 0, 'none'],
    ]);
  });

  test('a module that throws is reported like a crashed command hook; the others still count', async () => {
    const dir = tempDir();
    const boom = moduleFile(dir, 'boom', `export default () => { throw new TypeError('boom at line 1'); };`);
    const deny = moduleFile(
      dir,
      'deny',
      `export default () => ({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'MODULE says no' } });`,
    );
    const result = await executeEvent(
      'PreToolUse',
      pre(dir),
      config(dir, 'PreToolUse', [
        { type: 'module', module: boom },
        { type: 'module', module: deny },
      ]),
    );
    const out = JSON.parse(result.stdout);
    expect(out.hookSpecificOutput).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: 'MODULE says no' });
    expect(out.systemMessage).toBe('boom: crashed (threw TypeError: boom at line 1); it gave no decision');
    expect(result.record.hooks[0]).toMatchObject({ id: 'boom', exit_code: null, error: 'threw TypeError: boom at line 1', decision: 'none' });
  });

  test('a missing module, a missing export and an import error: could not run, named', async () => {
    const dir = tempDir();
    const noExport = moduleFile(dir, 'noexport', `export const x = 1;`);
    const broken = moduleFile(dir, 'broken', `export default (;`);
    const result = await executeEvent(
      'Stop',
      { hook_event_name: 'Stop', cwd: dir },
      config(dir, 'Stop', [
        { id: 'missing', type: 'module', module: './hooks/nope.mjs' },
        { id: 'noexport', type: 'module', module: noExport },
        { id: 'broken', type: 'module', module: broken },
      ]),
    );
    const message = JSON.parse(result.stdout).systemMessage as string;
    expect(message).toContain(`missing: could not run (cannot load ./hooks/nope.mjs: ENOENT ${path.join(dir, 'hooks/nope.mjs')}); it gave no decision`);
    expect(message).toContain(
      'noexport: could not run (cannot load ./hooks/noexport.mjs: export "default" is not a function (got undefined)); it gave no decision',
    );
    expect(message).toMatch(/broken: could not run \(cannot load \.\/hooks\/broken\.mjs: import failed: SyntaxError/);
  });

  test('a never-resolving module times out (no worker needed); its context.signal is aborted', async () => {
    const dir = tempDir();
    const flag = path.join(dir, 'aborted.txt');
    const hang = moduleFile(
      dir,
      'hang',
      `import fs from 'node:fs';\nexport default (input, ctx) => new Promise(() => { ` +
        `ctx.signal.addEventListener('abort', () => fs.writeFileSync(${JSON.stringify(flag)}, String(ctx.signal.reason?.name))); });`,
    );
    const t0 = performance.now();
    const result = await executeEvent(
      'UserPromptSubmit',
      ups(dir),
      config(dir, 'UserPromptSubmit', [
        { type: 'module', module: hang, timeout: 0.3 },
        { type: 'command', command: 'echo still here' },
      ]),
    );
    expect(performance.now() - t0).toBeLessThan(5000);
    const out = JSON.parse(result.stdout);
    expect(out.systemMessage).toBe('hang: timed out after 0.3 s; it gave no decision');
    expect(out.hookSpecificOutput.additionalContext).toBe('still here');
    expect(result.record.hooks[0]).toMatchObject({ id: 'hang', timed_out: true, error: 'timeout' });
    expect(fs.readFileSync(flag, 'utf8')).toBe('TimeoutError');
  });

  test('isolate: a busy loop runs in a worker that is terminated on timeout; this thread keeps running meanwhile', async () => {
    const dir = tempDir();
    const spin = moduleFile(dir, 'spin', `export default () => { for (;;) {} };`);
    const ok = moduleFile(dir, 'ok', `export default (input) => 'isolated saw ' + input.prompt;`);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      const result = await executeEvent(
        'UserPromptSubmit',
        ups(dir),
        config(dir, 'UserPromptSubmit', [
          { type: 'module', module: spin, isolate: true, timeout: 0.5 },
          { type: 'module', module: ok, isolate: true },
        ]),
      );
      expect(ticks).toBeGreaterThan(5); // the event loop was never blocked
      const expected = {
        systemMessage: 'spin: timed out after 0.5 s; it gave no decision',
        hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'isolated saw hello' },
      };
      expect(result.stdout).toBe(`${JSON.stringify(expected)}\n`);
      // The pool replaced the terminated worker: the module still answers (and still hangs).
      const again = await executeEvent('UserPromptSubmit', ups(dir, 'again'), config(dir, 'UserPromptSubmit', [{ type: 'module', module: ok, isolate: true }]));
      expect(again.stdout).toBe('isolated saw again\n');
    } finally {
      clearInterval(ticker);
    }
  });

  test('isolate: a throw and an unclonable return value are crashes', async () => {
    const dir = tempDir();
    const boom = moduleFile(dir, 'boom', `export default async () => { throw new RangeError('worker boom'); };`);
    const fn = moduleFile(dir, 'fn', `export default () => ({ f() {} });`);
    const result = await executeEvent(
      'Stop',
      { hook_event_name: 'Stop', cwd: dir },
      config(dir, 'Stop', [
        { type: 'module', module: boom, isolate: true },
        { type: 'module', module: fn, isolate: true },
      ]),
    );
    const message = JSON.parse(result.stdout).systemMessage as string;
    expect(message).toContain('boom: crashed (threw RangeError: worker boom); it gave no decision');
    expect(message).toMatch(/fn: crashed \(returned a value that cannot leave the worker \(DataCloneError/);
  });

  test('in the graph: a module runs after a command hook and receives its updatedInput; the final input follows the graph', async () => {
    const dir = tempDir();
    const append = moduleFile(
      dir,
      'append',
      `export default (input) => ({ hookSpecificOutput: { hookEventName: 'PreToolUse', updatedInput: { ...input.tool_input, command: ` +
        `input.tool_input.command + ' --module' } } });`,
    );
    const rewrite = `sleep 0.2; ${printJson({ hookSpecificOutput: { hookEventName: 'PreToolUse', updatedInput: { command: 'ls --format' } } })}`;
    const result = await executeEvent(
      'PreToolUse',
      pre(dir),
      config(dir, 'PreToolUse', [
        { id: 'format', type: 'command', command: rewrite },
        { id: 'mod', type: 'module', module: append, after: ['format'] },
      ]),
    );
    expect(JSON.parse(result.stdout).hookSpecificOutput.updatedInput).toEqual({ command: 'ls --format --module' });
    const [format, mod] = result.record.hooks;
    expect(mod!.start_ms).toBeGreaterThanOrEqual(format!.end_ms);
  });

  test('a module is imported once, not per call (an edited one is re-imported: see the serve tests, a real process)', async () => {
    const dir = tempDir();
    const counter = path.join(dir, 'imports.txt');
    const mod = moduleFile(
      dir,
      'words',
      `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(counter)}, 'import\\n');\nexport default () => 'FIRST';`,
    );
    const cfg = config(dir, 'UserPromptSubmit', [{ type: 'module', module: mod }]);
    expect((await executeEvent('UserPromptSubmit', ups(dir), cfg)).stdout).toBe('FIRST\n');
    expect((await executeEvent('UserPromptSubmit', ups(dir), cfg)).stdout).toBe('FIRST\n');
    expect(fs.readFileSync(counter, 'utf8')).toBe('import\n');
  });

  test('paths: relative to the config file, ${CLAUDE_PROJECT_DIR}, absolute', async () => {
    const project = tempDir();
    const configDir = path.join(project, '.claude');
    fs.mkdirSync(path.join(configDir, 'hooks'), { recursive: true });
    fs.writeFileSync(path.join(configDir, 'hooks', 'a.mjs'), `export default () => 'A';`);
    moduleFile(project, 'b', `export default () => 'B';`);
    const abs = path.join(tempDir(), 'c.mjs');
    fs.writeFileSync(abs, `export default () => 'C';`);
    const cfg = configOf(
      {
        hooks: {
          UserPromptSubmit: [
            {
              hooks: [
                { type: 'module', module: './hooks/a.mjs' },
                { type: 'module', module: '${CLAUDE_PROJECT_DIR}/hooks/b.mjs' },
                { type: 'module', module: abs },
              ],
            },
          ],
        },
      },
      '.claude/hook-executor.json',
      configDir,
    );
    const result = await executeEvent('UserPromptSubmit', ups(project), cfg, { projectDir: project });
    expect(result.stdout).toBe('A\n\nB\n\nC\n');
  });

  test('the config rejects what a module hook cannot be', () => {
    expect(() => configOf({ hooks: { Stop: [{ hooks: [{ type: 'module' }] }] } })).toThrow(
      'hooks.Stop[0].hooks[0].module must be the path of an ES module (e.g. "./hooks/check.mjs"), got undefined',
    );
    expect(() => configOf({ hooks: { Stop: [{ hooks: [{ type: 'module', module: 'x.mjs', export: 'a-b' }] }] } })).toThrow(
      'hooks.Stop[0].hooks[0].export must be the name of an exported function, got "a-b"',
    );
    expect(() => configOf({ hooks: { Stop: [{ hooks: [{ type: 'module', module: 'x.mjs', background: true }] }] } })).toThrow(
      'hooks.Stop[0].hooks[0].background is not supported for module hooks',
    );
    expect(() => configOf({ hooks: { Stop: [{ hooks: [{ type: 'module', module: 'x.mjs', command: 'x' }] }] } })).toThrow(
      'hooks.Stop[0].hooks[0].command is not a known field',
    );
  });
});
