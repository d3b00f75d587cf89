// A real `fanout-mcp` child process driven by the SDK's own Client over stdio, and a real llm-sim
// on 127.0.0.1 for it to call (through OPENAI_BASE_URL, as a user's local server would be).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSim, type SimOptions, type SimServer } from '@fanout/llm-sim';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MCP_BIN = path.join(packageDir, 'bin', 'fanout-mcp.js');
/** The plain tsc output, unbundled: what a loader hook can watch module by module. */
export const MCP_DIST_CLI = path.join(packageDir, 'dist', 'cli.js');

export interface ServerUnderTest {
  readonly client: Client;
  readonly transport: StdioClientTransport;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Arguments before the script, e.g. a loader hook. */
  readonly nodeArgs?: readonly string[];
  /** @default MCP_BIN */
  readonly script?: string;
}

export async function startServer(options: StartOptions = {}): Promise<ServerUnderTest> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), options.script ?? MCP_BIN],
    env: { ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'fanout-mcp-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr, close: () => client.close() };
}

export interface SimHarness {
  readonly sim: SimServer;
  /** A temp dir (the server's cwd and hook store live here). */
  readonly dir: string;
  /** Environment for a server that reaches this sim as its OpenAI-compatible endpoint. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSimHarness(options: SimOptions = {}): Promise<SimHarness> {
  const sim = await startSim(options);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fanout-mcp-test-'));
  return {
    sim,
    dir,
    env: { OPENAI_BASE_URL: sim.baseURL, FANOUT_MODEL: 'sim-1', HOOK_MONITOR_DIR: path.join(dir, 'hook-monitor') },
    async close() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds (or the deadline passes) and returns its last value. */
export async function eventually<T>(read: () => T, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let value = read();
  while (!check(value) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = read();
  }
  return value;
}

/** The text of a tool result's first content block. */
export function textOf(result: Record<string, unknown>): string {
  const [first] = (result['content'] ?? []) as { type: string; text?: string }[];
  return first?.type === 'text' ? (first.text ?? '') : '';
}
