// The binary itself, as a real process: --help, --version, a usage error, and a lean start-up (the
// model libraries load only when a tool that needs them is called).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { MCP_BIN, MCP_DIST_CLI, startServer } from './test-helpers/mcp-server.js';

const run = (args: string[]) => spawnSync(process.execPath, [MCP_BIN, ...args], { encoding: 'utf8' });
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// A loader hook that fails the process's import of undici, openai, llm-sim or a fanout library.
const hook =
  'export async function load(url, context, next) { if ' +
    '(/\\/(undici|openai|llm-sim|oracle\\/dist\\/client|council|swarm|offload|hook-monitor)\\//.test(url)) throw new Error(`loaded ${url}`); ' +
    'return next(url, context); }';
const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
const REFUSE_HEAVY_MODULES = ['--import', `data:text/javascript,${encodeURIComponent(register)}`];

describe('fanout-mcp', () => {
  test('--help explains how to register it and exits 0', () => {
    const { status, stdout, stderr } = run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('claude mcp add fanout -- fanout-mcp');
    expect(stdout).toContain('provider: "sim"');
    expect(stderr).toBe('');
  });

  test('--version prints the package version', () => {
    expect(run(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  test('an argument it does not take is one line on stderr and exit 2', () => {
    const { status, stdout, stderr } = run(['--port', '3000']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('fanout-mcp: unknown argument "--port"; it takes none (see fanout-mcp --help)\n');
  });

  test('starts and lists its tools without loading the HTTP client or any fanout library', async () => {
    const server = await startServer({ script: MCP_DIST_CLI, nodeArgs: REFUSE_HEAVY_MODULES });
    try {
      const { tools } = await server.client.listTools();
      expect(tools).toHaveLength(5);
      const refused = await server.client.callTool({ name: 'hooks_report', arguments: {} });
      // The hook proves itself: the first call that needs hook-monitor is refused it.
      expect(JSON.stringify(refused)).toContain('loaded file://');
    } finally {
      await server.close();
    }
  });
});
