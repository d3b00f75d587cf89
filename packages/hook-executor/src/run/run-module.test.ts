// Module hooks under `run` (the binary Claude Code executes): imported in the executor's process.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';

function project(hooks: unknown, modules: Record<string, string>) {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '.claude', 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify({ hooks }));
  for (const [name, source] of Object.entries(modules)) fs.writeFileSync(path.join(dir, '.claude', 'hooks', name), source);
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  return { dir, env: { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: path.join(dir, 'monitor') } };
}

describe('module hooks under run', () => {
  test('the answer on stdout is only the merged output: a module’s console.log goes to stderr', async () => {
    const p = project(
      { UserPromptSubmit: [{ hooks: [{ type: 'module', module: './hooks/ctx.mjs' }, { type: 'module', module: './hooks/iso.mjs', isolate: true }] }] },
      {
        'ctx.mjs': `export default (input, ctx) => { console.log('NOISE in process'); return { hookSpecificOutput: { hookEventName: ` +
          `'UserPromptSubmit', additionalContext: 'saw ' + input.prompt + ' in ' + (ctx.projectDir === process.env.CLAUDE_PROJECT_DIR) } }; };`,
        'iso.mjs': `export default () => { console.log('NOISE in worker'); return 'isolated'; };`,
      },
    );
    const input = JSON.stringify({ session_id: 's', cwd: p.dir, hook_event_name: 'UserPromptSubmit', prompt: 'hi' });
    const result = await runBin(['run', '--event', 'UserPromptSubmit'], { input, env: p.env });
    expect(result.code).toBe(0);
    const context = 'saw hi in true\n\nisolated';
    expect(result.stdout).toBe(`${JSON.stringify({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: context } })}\n`);
    expect(result.stderr).toContain('NOISE in process');
    expect(result.stderr).toContain('NOISE in worker');
    const stored = fs.readFileSync(path.join(p.dir, 'monitor', 'runs.jsonl'), 'utf8').trim();
    const record = JSON.parse(stored) as { source: string; hooks: { id: string; decision: string }[] };
    expect(record).toMatchObject({ source: 'run', hooks: [{ id: 'ctx', decision: 'context' }, { id: 'iso', decision: 'context' }] });
  });

  test('an isolated busy loop times out and the executor still exits promptly', async () => {
    const p = project(
      { Stop: [{ hooks: [{ type: 'module', module: './hooks/spin.mjs', isolate: true, timeout: 0.5 }] }] },
      { 'spin.mjs': 'export default () => { for (;;) {} };' },
    );
    const result = await runBin(['run', '--event', 'Stop'], { input: JSON.stringify({ hook_event_name: 'Stop', cwd: p.dir }), env: p.env });
    expect(result).toMatchObject({ code: 0, stdout: `${JSON.stringify({ systemMessage: 'spin: timed out after 0.5 s; it gave no decision' })}\n` });
    expect(result.ms).toBeLessThan(10_000);
  });
});
