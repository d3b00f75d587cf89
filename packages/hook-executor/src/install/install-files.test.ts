// What install/uninstall do to the files themselves: permission bits kept, backups 0600, symlinked
// settings written through and left links, and one line for what cannot be done.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runBin, tempDir } from '../test-helpers/fixtures.js';

const SETTINGS =
  '{\n  "env": { "SECRET_API_KEY": "sk-not-for-others" },\n  "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "echo done" }] }] }\n}\n';

function project() {
  const dir = tempDir();
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
  fs.mkdirSync(home);
  const env = { ...process.env, HOME: home, CLAUDE_PROJECT_DIR: dir, HOOK_MONITOR_DIR: path.join(dir, 'mon') };
  const settings = path.join(dir, '.claude', 'settings.json');
  return { dir, env, settings, executor: path.join(dir, '.claude', 'hook-executor.json'), backup: `${settings}.hook-executor-backup.json` };
}
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('install / uninstall and the files themselves', () => {
  test('a 0600 settings file stays 0600 through install and uninstall; the backup holding its secrets is 0600', async () => {
    const p = project();
    fs.writeFileSync(p.settings, SETTINGS, { mode: 0o600 });
    expect((await runBin(['install'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.readFileSync(p.settings, 'utf8')).toMatch(/hook-executor-run",\s*"args": \[\s*"--event",\s*"Stop"/);
    expect(mode(p.settings)).toBe(0o600);
    expect(fs.readFileSync(p.backup, 'utf8')).toContain(Buffer.from(SETTINGS).toString('base64'));
    expect(mode(p.backup)).toBe(0o600);
    fs.writeFileSync(p.executor, '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo edited"}]}]}}\n'); // a later hand edit
    expect((await runBin(['uninstall'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.readFileSync(p.settings, 'utf8')).toBe(SETTINGS);
    expect(mode(p.settings)).toBe(0o600);
    expect(mode(`${p.executor}.before-uninstall`)).toBe(0o600);
  });

  test('other modes are kept as they were (0640 stays 0640)', async () => {
    const p = project();
    fs.writeFileSync(p.settings, SETTINGS);
    fs.chmodSync(p.settings, 0o640);
    expect((await runBin(['install'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(mode(p.settings)).toBe(0o640);
    expect((await runBin(['uninstall'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(mode(p.settings)).toBe(0o640);
  });

  test('a symlinked settings file (dotfiles) is written through: the link stays a link, its target is restored byte for byte', async () => {
    const p = project();
    const dotfiles = path.join(p.dir, 'dotfiles');
    fs.mkdirSync(dotfiles);
    const target = path.join(dotfiles, 'claude-settings.json');
    fs.writeFileSync(target, SETTINGS, { mode: 0o600 });
    fs.symlinkSync(path.relative(path.dirname(p.settings), target), p.settings);
    expect((await runBin(['install'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.lstatSync(p.settings).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/hook-executor-run",\s*"args": \[\s*"--event",\s*"Stop"/);
    expect(mode(target)).toBe(0o600);
    expect(fs.readdirSync(dotfiles)).toEqual(['claude-settings.json']); // no temp file left beside it
    expect((await runBin(['uninstall'], { cwd: p.dir, env: p.env })).code).toBe(0);
    expect(fs.lstatSync(p.settings).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe(SETTINGS);
    expect(mode(target)).toBe(0o600);
  });

  test('a symlink to a missing file: one line, exit 1, nothing written', async () => {
    const p = project();
    fs.symlinkSync(path.join(p.dir, 'nowhere', 'settings.json'), p.settings);
    fs.writeFileSync(p.executor, '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo x"}]}]}}');
    const result = await runBin(['install'], { cwd: p.dir, env: p.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^hook-executor: .*settings\.json is a symbolic link to .*nowhere\/settings\.json, which cannot be reached \(ENOENT\); fix or remove the link\n$/,
    );
    expect(fs.lstatSync(p.settings).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(p.backup)).toBe(false);
  });

  test('install with no settings file, or one without hooks: says there is nothing to install', async () => {
    const p = project();
    const missing = await runBin(['install'], { cwd: p.dir, env: p.env });
    expect(missing).toMatchObject({ code: 0, stderr: 'nothing to install: .claude/settings.json does not exist\n' });
    fs.writeFileSync(p.settings, '{"model":"opus"}\n');
    const empty = await runBin(['install'], { cwd: p.dir, env: p.env });
    expect(empty).toMatchObject({ code: 0, stderr: 'nothing to install: .claude/settings.json has no hooks hook-executor can run\n' });
    expect(fs.readdirSync(path.join(p.dir, '.claude'))).toEqual(['settings.json']);
  });

  test('list --event without a value is a usage error (exit 1, never 2)', async () => {
    const p = project();
    const result = await runBin(['list', '--event'], { cwd: p.dir, env: p.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hook-executor: --event needs a value/);
  });
});
