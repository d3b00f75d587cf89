// install --mode http through the real binary, on real files.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';

const ORIGINAL = `{
  "model": "opus",
  "hooks": {
    "UserPromptSubmit": [{"hooks": [{"type": "command", "command": "echo ctx"}]}],
    "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo guard", "timeout": 10}]}],
    "PostToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "echo fmt", "timeout": 20}]}],
    "Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]
  }
}
`;

function setup() {
  const dir = tempDir();
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  const settings = path.join(home, '.claude', 'settings.json');
  fs.writeFileSync(settings, ORIGINAL);
  const state = path.join(dir, 'state');
  return { dir, settings, state, env: { ...process.env, HOME: home, HOOK_EXECUTOR_STATE_DIR: state, HOOK_MONITOR_DIR: path.join(dir, 'mon') } };
}

type Handler = { type: string; command?: string; url?: string; headers?: Record<string, string>; allowedEnvVars?: string[]; timeout?: number };
const handlers = (settings: string, event: string): Handler[] =>
  ((JSON.parse(fs.readFileSync(settings, 'utf8')) as { hooks: Record<string, { hooks: Handler[] }[]> }).hooks[event] ?? []).flatMap((g) => g.hooks);

describe('install --mode http', () => {
  test('http hooks for non-gate events, command hooks for gates, serve --ensure on SessionStart, the token in env; idempotent; uninstall ' +
    'restores', async () => {
    const p = setup();
    const install = await runBin(['install', '--scope', 'user', '--mode', 'http', '--port', '45678'], { cwd: p.dir, env: p.env });
    expect(install.code).toBe(0);
    expect(install.stderr).toContain('http hooks fail open when the server is down: gate events stay command hooks (--gates http to serve them too)');
    const token = fs.readFileSync(path.join(p.state, 'token'), 'utf8').trim();
    const settings = JSON.parse(fs.readFileSync(p.settings, 'utf8')) as { env: Record<string, string>; model: string };
    expect(settings).toMatchObject({ model: 'opus', env: { FANOUT_HOOK_TOKEN: token } });
    expect(fs.statSync(p.settings).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(p.state, 'port'), 'utf8')).toBe('45678\n');
    for (const event of ['PostToolUse', 'Stop']) {
      expect(handlers(p.settings, event)).toEqual([
        {
          type: 'http',
          url: `http://127.0.0.1:45678/hooks/${event}`,
          headers: { Authorization: 'Bearer $FANOUT_HOOK_TOKEN' },
          allowedEnvVars: ['FANOUT_HOOK_TOKEN'],
          timeout: expect.any(Number),
        },
      ]);
    }
    for (const event of ['UserPromptSubmit', 'PreToolUse'])
      expect(handlers(p.settings, event)).toEqual([
        expect.objectContaining({ type: 'command', command: expect.stringMatching(new RegExp(`run --event ${event}$`)) }),
      ]);
    expect(handlers(p.settings, 'SessionStart')).toEqual([{ type: 'command', command: expect.stringMatching(/ serve --ensure$/), timeout: 20 }]);

    const again = await runBin(['install', '--scope', 'user', '--mode', 'http'], { cwd: p.dir, env: p.env });
    expect(again.stderr).toMatch(/nothing to change/);

    const gates = await runBin(['install', '--scope', 'user', '--mode', 'http', '--gates', 'http'], { cwd: p.dir, env: p.env });
    expect(gates.code).toBe(0);
    expect(handlers(p.settings, 'PreToolUse')).toEqual([expect.objectContaining({ type: 'http', url: 'http://127.0.0.1:45678/hooks/PreToolUse' })]);

    // Back to command mode: the http hooks, the ensure hook and the token go.
    expect((await runBin(['install', '--scope', 'user', '--mode', 'command'], { cwd: p.dir, env: p.env })).code).toBe(0);
    const back = fs.readFileSync(p.settings, 'utf8');
    expect(back).not.toContain('FANOUT_HOOK_TOKEN');
    expect(back).not.toContain('serve --ensure');
    expect(handlers(p.settings, 'Stop')).toEqual([expect.objectContaining({ type: 'command' })]);

    expect((await runBin(['uninstall', '--scope', 'user'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(ORIGINAL);
  });

  test('--dry-run shows no secret and writes nothing; project scope is refused (a committed file would hold the token)', async () => {
    const p = setup();
    const dry = await runBin(['install', '--scope', 'user', '--mode', 'http', '--dry-run'], { cwd: p.dir, env: p.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`"FANOUT_HOOK_TOKEN": "<the token in ${path.join(p.state, 'token')}>"`);
    expect(fs.existsSync(p.state)).toBe(false);
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(ORIGINAL);
    const project = await runBin(['install', '--mode', 'http'], { cwd: p.dir, env: { ...p.env, CLAUDE_PROJECT_DIR: p.dir } });
    expect(project.code).toBe(1);
    expect(project.stderr).toMatch(/^hook-executor: --mode http puts the server's secret token in the settings file's env.*use --scope local/);
  });
});
