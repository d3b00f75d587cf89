// Every request needs the per-install token; without it nothing runs, nothing is recorded, and the
// token itself never appears in the log or the monitor store.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { tempDir } from '../test-helpers/fixtures.js';
import { hookPost, post, records, serverForFile } from '../test-helpers/serve.js';

const shared = serverForFile(beforeAll, afterAll);
let dir: string;
const touched = () => fs.existsSync(path.join(dir, 'touched'));

beforeAll(async () => {
  dir = tempDir();
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(
    path.join(dir, '.claude', 'hook-executor.json'),
    JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'touch touched; echo ran' }] }] } }),
  );
});

const input = () => ({ session_id: 'auth', cwd: dir, hook_event_name: 'UserPromptSubmit', prompt: 'hi' });

describe('the token', () => {
  test('is created 0600 in a 0700 directory', () => {
    expect(fs.statSync(path.join(shared.s.state, 'token')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(shared.s.state).mode & 0o777).toBe(0o700);
    expect(shared.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('missing, wrong, or not a Bearer: 401, the hook did not run, nothing recorded', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Bearer ${shared.server.token.slice(0, -1)}x` },
      { authorization: shared.server.token },
      { authorization: `Basic ${shared.server.token}` },
    ]) {
      const answer = await post(`${shared.server.url}/hooks/UserPromptSubmit`, input(), headers);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer');
    }
    // The server's own counters: every refusal counted, no event admitted, no hook process taken or spawned.
    const health = await fetch(`${shared.server.url}/health`, { headers: { authorization: `Bearer ${shared.server.token}` } });
    const { stats } = (await health.json()) as { stats: { unauthorized: number; requests: number; warmShells: { taken: number; missed: number } } };
    expect(stats).toMatchObject({ unauthorized: 4, requests: 0, warmShells: { taken: 0, missed: 0 } });
    expect(touched()).toBe(false);
    expect(records(shared.s)).toEqual([]);
  });

  test('/health without the token says only that it is up; with it, the stats', async () => {
    const open = await post(`${shared.server.url}/health`, '').catch(() => undefined); // POST is not health
    expect(open?.status).toBe(401);
    const res = await fetch(`${shared.server.url}/health`);
    expect(await res.json()).toEqual({ ok: true, pid: shared.server.pid });
    const withToken = await fetch(`${shared.server.url}/health`, { headers: { authorization: `Bearer ${shared.server.token}` } });
    expect(((await withToken.json()) as { stats: { unauthorized: number } }).stats.unauthorized).toBeGreaterThanOrEqual(4);
  });

  test('the right token runs the hooks; the token is in neither the log nor the monitor store', async () => {
    const answer = await hookPost(shared.server, 'UserPromptSubmit', input());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).hookSpecificOutput.additionalContext).toBe('ran');
    expect(touched()).toBe(true);
    expect(records(shared.s)).toEqual([expect.objectContaining({ source: 'serve', event: 'UserPromptSubmit', session_id: 'auth' })]);
    expect(shared.server.log()).toContain('401 POST /hooks/UserPromptSubmit from 127.0.0.1: wrong token');
    expect(shared.server.log()).not.toContain(shared.server.token);
    for (const file of fs.readdirSync(shared.s.monitor)) expect(fs.readFileSync(path.join(shared.s.monitor, file), 'utf8')).not.toContain(shared.server.token);
    expect(fs.readFileSync(path.join(shared.s.state, 'serve.json'), 'utf8')).not.toContain(shared.server.token);
  });

  test('unknown paths and methods', async () => {
    const auth = { authorization: `Bearer ${shared.server.token}` };
    expect((await post(`${shared.server.url}/hooks/not-an-event`, '{}', auth)).status).toBe(404);
    expect((await fetch(`${shared.server.url}/hooks/Stop`, { headers: auth })).status).toBe(405);
    expect((await post(`${shared.server.url}/hooks/Stop`, 'not json', auth)).status).toBe(400);
    expect((await post(`${shared.server.url}/hooks/Stop`, '{"prompt":"no cwd"}', auth)).status).toBe(400);
  });
});
