// Spawns the built binary (run the build first: tests of a CLI need dist/).
import { describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const BIN = path.resolve(import.meta.dirname, '../bin/llm-sim.js');

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 15_000 });
}

describe('llm-sim CLI', () => {
  test('prints {"port":N} first, serves with the flags given, exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-sim-cli-'));
    const rules = path.join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify([{ match: { user: 'ping' }, reply: 'pong' }]));
    const child = spawn(process.execPath, [BIN, '--port', '0', '--rules', rules, '--api-key-env', 'SIM_TEST_KEY'], {
      env: { ...process.env, SIM_TEST_KEY: 'sk-cli' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(first).toMatch(/^\{"port":\d+\}$/);
      const { port } = JSON.parse(first) as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-cli', 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ model: 'sim-1', messages: [{ role: 'user', content: 'ping' }] }),
      });
      expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('pong');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad flag is one line on stderr and exit 2', () => {
    const unknown = run(['--latncy-ms', '5']);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('Unknown argument: --latncy-ms');
    const value = run(['--error-rate', '3']);
    expect(value.status).toBe(2);
    expect(value.stderr.trim()).toBe('llm-sim: Expected --error-rate to be a number from 0 to 1, got `3` (number) (see llm-sim --help)');
    expect(run(['--port', 'abc']).status).toBe(2);
    const fabricate = run(['--fabricate-rate', '1.5']);
    expect(fabricate.status).toBe(2);
    expect(fabricate.stderr.trim()).toBe('llm-sim: Expected --fabricate-rate to be a number from 0 to 1, got `1.5` (number) (see llm-sim --help)');
  });

  test('a bad rules file is one line naming it, exit 1; a missing key variable is exit 2', () => {
    const missing = run(['--rules', '/nonexistent/rules.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('llm-sim: Cannot read rules file /nonexistent/rules.json: ENOENT');
    const env = { ...process.env };
    delete env.LLM_SIM_NO_SUCH_VAR;
    const key = run(['--api-key-env', 'LLM_SIM_NO_SUCH_VAR'], env);
    expect(key.status).toBe(2);
    expect(key.stderr).toContain('LLM_SIM_NO_SUCH_VAR');
  });

  test('--help shows examples; --version prints the version', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--latency-ms');
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
