// The warm server at work: config reload, module hooks loaded once and reloaded when edited, hangs
// that must not wedge it, many requests at once, a client that goes away.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { alive, sleep, tempDir } from '../test-helpers/fixtures.js';
import { hookPost, records, serverForFile } from '../test-helpers/serve.js';

const shared = serverForFile(beforeAll, afterAll);

function project(config: unknown, modules: Record<string, string> = {}): string {
  const dir = tempDir('hook-executor-runtime-');
  fs.mkdirSync(path.join(dir, '.claude', 'hooks'), { recursive: true });
  writeConfig(dir, config);
  for (const [name, source] of Object.entries(modules)) fs.writeFileSync(path.join(dir, '.claude', 'hooks', name), source);
  return dir;
}
function writeConfig(dir: string, config: unknown): void {
  fs.writeFileSync(path.join(dir, '.claude', 'hook-executor.json'), JSON.stringify(config));
}
const ups = (dir: string, prompt = 'hi', session = 'rt') => ({ session_id: session, cwd: dir, hook_event_name: 'UserPromptSubmit', prompt });
type ContextAnswer = { hookSpecificOutput?: { additionalContext?: string } };
const contextOf = (body: string) => (body ? (JSON.parse(body) as ContextAnswer).hookSpecificOutput?.additionalContext : undefined);

describe('serve at work', () => {
  test('a changed config is picked up on the next request', async () => {
    const dir = project({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo FIRST' }] }] } });
    expect(contextOf((await hookPost(shared.server, 'UserPromptSubmit', ups(dir))).body)).toBe('FIRST');
    expect(contextOf((await hookPost(shared.server, 'UserPromptSubmit', ups(dir))).body)).toBe('FIRST');
    writeConfig(dir, { hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo SECOND' }] }] } });
    expect(contextOf((await hookPost(shared.server, 'UserPromptSubmit', ups(dir))).body)).toBe('SECOND');
    fs.rmSync(path.join(dir, '.claude', 'hook-executor.json'));
    expect((await hookPost(shared.server, 'UserPromptSubmit', ups(dir))).body).toBe('');
  });

  test('module hooks: loaded once, called in-process, re-imported when the file changes', async () => {
    const counter = path.join(tempDir(), 'imports');
    const source = (word: string) =>
      `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(counter)}, 'x');\nexport default (input) => '${word} ' + input.prompt;`;
    const dir = project({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'module', module: './hooks/words.mjs' }] }] } }, { 'words.mjs': source('FIRST') });
    for (const prompt of ['a', 'b', 'c']) expect(contextOf((await hookPost(shared.server, 'UserPromptSubmit', ups(dir, prompt))).body)).toBe(`FIRST ${prompt}`);
    expect(fs.readFileSync(counter, 'utf8')).toBe('x');
    await sleep(20);
    fs.writeFileSync(path.join(dir, '.claude', 'hooks', 'words.mjs'), source('SECOND, edited'));
    expect(contextOf((await hookPost(shared.server, 'UserPromptSubmit', ups(dir, 'd'))).body)).toBe('SECOND, edited d');
    expect(fs.readFileSync(counter, 'utf8')).toBe('xx');
  });

  test('an isolated busy loop and a never-resolving module do not wedge the server: other requests are answered meanwhile', async () => {
    const dir = project(
      {
        hooks: {
          Stop: [
            {
              hooks: [
                { type: 'module', module: './hooks/spin.mjs', isolate: true, timeout: 3 },
                { type: 'module', module: './hooks/never.mjs', timeout: 3 },
              ],
            },
          ],
          UserPromptSubmit: [{ hooks: [{ type: 'module', module: './hooks/quick.mjs' }] }],
        },
      },
      {
        'spin.mjs': 'export default () => { for (;;) {} };',
        'never.mjs': 'export default () => new Promise(() => {});',
        'quick.mjs': "export default () => 'quick';",
      },
    );
    let stopAnswered = false;
    const stuck = hookPost(shared.server, 'Stop', { session_id: 'rt', cwd: dir, hook_event_name: 'Stop' }).finally(() => {
      stopAnswered = true;
    });
    await sleep(300);
    for (let i = 0; i < 5; i++) expect(contextOf((await hookPost(shared.server, 'UserPromptSubmit', ups(dir))).body)).toBe('quick');
    expect(stopAnswered).toBe(false); // answered while the Stop hooks were still hanging
    const stopped = await stuck;
    expect(JSON.parse(stopped.body)).toEqual({
      systemMessage: 'spin: timed out after 3 s; it gave no decision\nnever: timed out after 3 s; it gave no decision',
    });
  });

  test('50 requests at once, command and module hooks: each gets its own answer; all 50 recorded', async () => {
    const dir = project(
      {
        hooks: {
          UserPromptSubmit: [
            {
              hooks: [
                { type: 'command', command: 'sleep 0.05; grep -o "P[0-9]*-MARK" | head -1' },
                { type: 'module', module: './hooks/echo.mjs' },
              ],
            },
          ],
        },
      },
      { 'echo.mjs': "export default async (input) => { await new Promise((r) => setTimeout(r, 20)); return 'module ' + input.prompt; };" },
    );
    const before = records(shared.s).length;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => hookPost(shared.server, 'UserPromptSubmit', ups(dir, `P${i}-MARK`, `session-${i}`))),
    );
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(contextOf(answer.body)).toBe(`P${i}-MARK\n\nmodule P${i}-MARK`);
    });
    const recorded = records(shared.s).slice(before);
    expect(recorded).toHaveLength(50);
    expect(new Set(recorded.map((r) => r.run_id)).size).toBe(50);
    expect(recorded.every((r) => r.source === 'serve' && r.hooks.length === 2)).toBe(true);
  });

  test('a client that goes away (Claude Code’s timeout) gets its hooks killed, process groups included', async () => {
    const pids = path.join(tempDir(), 'pids');
    const dir = project({ hooks: { Stop: [{ hooks: [{ type: 'command', command: `sh -c 'echo $$ >> ${pids}; sleep 30' & echo $$ >> ${pids}; wait` }] }] } });
    const req = http.request(`${shared.server.url}/hooks/Stop`, { method: 'POST', headers: { authorization: `Bearer ${shared.server.token}` } });
    req.on('error', () => {});
    req.end(JSON.stringify({ session_id: 'rt', cwd: dir, hook_event_name: 'Stop' }));
    for (let i = 0; i < 500 && !(fs.existsSync(pids) && fs.readFileSync(pids, 'utf8').trim().split('\n').length >= 2); i++) await sleep(20);
    const started = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started.every(alive)).toBe(true);
    req.destroy();
    for (let i = 0; i < 500 && started.some(alive); i++) await sleep(20);
    expect(started.filter(alive)).toEqual([]);
  });
});
