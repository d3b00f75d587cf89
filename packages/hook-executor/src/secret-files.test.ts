// Every file the hook tools create that can hold a secret or a prompt — serve's token, state and
// log (rotated too), the registered port, an http-mode settings file with the token, install's
// backup and kept files, the guards' state, hook-monitor's store — is 0600, in 0700 directories.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from './test-helpers/fixtures.js';
import { serveEnv, type ServeEnv } from './test-helpers/serve.js';
import { MAX_LOG_BYTES } from './serve/log-rotation.js';

const used: ServeEnv[] = [];
afterEach(async () => {
  for (const s of used.splice(0)) await runBin(['serve', '--stop'], { env: s.env });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('files holding secrets or prompts', () => {
  test('serve: token, serve.json, serve.log 0600 in a 0700 state dir; a full log is rotated, both halves 0600', async () => {
    const s = serveEnv();
    used.push(s);
    fs.mkdirSync(s.state, { mode: 0o700 });
    const log = path.join(s.state, 'serve.log');
    const old = `${'an old line\n'.repeat(Math.ceil(MAX_LOG_BYTES / 12))}the last old line\n`;
    fs.writeFileSync(log, old, { mode: 0o644 }); // as an older version left it
    const ensure = await runBin(['serve', '--ensure'], { env: s.env });
    expect(ensure.code).toBe(0);
    for (let i = 0; i < 100 && !fs.existsSync(`${log}.1`); i++) await new Promise((r) => setTimeout(r, 20));
    expect(mode(s.state)).toBe(0o700);
    for (const name of ['token', 'serve.json', 'serve.log', 'serve.log.1']) expect([name, mode(path.join(s.state, name))]).toEqual([name, 0o600]);
    expect(fs.readFileSync(`${log}.1`, 'utf8').startsWith(old)).toBe(true);
    expect(fs.statSync(log).size).toBeLessThan(4096); // the rotation happened at the first line logged
    const stop = await runBin(['serve', '--stop'], { env: s.env });
    expect(stop.code).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toMatch(/stopping \(SIGTERM\)/); // logging goes on after a rotation
  });

  test('install --mode http: the settings file holding the token, the port file and the backup are 0600; uninstall restores the original mode', async () => {
    const s = serveEnv();
    const settings = path.join(s.env.HOME!, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo done' }] }] } }), { mode: 0o644 });
    const install = await runBin(['install', '--scope', 'user', '--mode', 'http'], { env: s.env, cwd: s.dir });
    expect(install.code).toBe(0);
    expect(fs.readFileSync(settings, 'utf8')).toContain(fs.readFileSync(path.join(s.state, 'token'), 'utf8').trim());
    expect(mode(settings)).toBe(0o600);
    expect(mode(`${settings}.hook-executor-backup.json`)).toBe(0o600);
    expect(mode(path.join(s.state, 'port'))).toBe(0o600);
    expect(mode(path.join(s.state, 'token'))).toBe(0o600);
    expect(mode(s.state)).toBe(0o700);
    expect((await runBin(['uninstall', '--scope', 'user'], { env: s.env, cwd: s.dir })).code).toBe(0);
    expect(mode(settings)).toBe(0o644); // as it was: it holds no token any more
  });

  test('a guard’s state and hook-monitor’s store, created by the first run: 0600 in 0700 directories', async () => {
    const s = serveEnv();
    const input = JSON.stringify({ session_id: 'modes', cwd: s.dir, hook_event_name: 'UserPromptSubmit', prompt: 'a prompt' });
    const guard = await runBin(['guard', 'parallel-reminder'], { env: { ...s.env, HOOK_MONITOR_STORE_INPUT: '1' }, input });
    expect(guard.code).toBe(0);
    expect(mode(s.state)).toBe(0o700);
    expect(mode(path.join(s.state, 'parallel-reminder.json'))).toBe(0o600);
    const config = path.join(tempDir(), 'config.json');
    fs.writeFileSync(config, JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo ctx' }] }] } }));
    expect((await runBin(['run', '--event', 'UserPromptSubmit', '--config', config], { env: { ...s.env, HOOK_MONITOR_STORE_INPUT: '1' }, input })).code).toBe(
      0,
    );
    expect(fs.readFileSync(path.join(s.monitor, 'runs.jsonl'), 'utf8')).toContain('"session_id":"modes"');
    expect(mode(s.monitor)).toBe(0o700);
    expect(mode(path.join(s.monitor, 'runs.jsonl'))).toBe(0o600);
  });
});
