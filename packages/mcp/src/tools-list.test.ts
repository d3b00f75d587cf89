// tools/list as the SDK's own client sees it, from a real fanout-mcp process.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startServer, type ServerUnderTest } from './test-helpers/mcp-server.js';

let server: ServerUnderTest;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('tools/list', () => {
  test('offers the five tools, each with a description and a closed JSON Schema of described arguments', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['oracle', 'council', 'swarm', 'offload', 'hooks_report']);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(80);
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      for (const [name, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect([name, typeof (schema as { description?: unknown }).description]).toEqual([name, 'string']);
      }
    }
  });

  test('model tools take a provider with "sim" among its values, and no key or URL argument', async () => {
    const { tools } = await server.client.listTools();
    for (const name of ['oracle', 'council', 'swarm', 'offload']) {
      const tool = tools.find((t) => t.name === name)!;
      const properties = tool.inputSchema.properties as Record<string, { enum?: string[] }>;
      expect(properties['provider']!.enum).toContain('sim');
      expect(Object.keys(properties).filter((key) => /key|url|token|secret/i.test(key))).toEqual([]);
    }
  });

  test('required arguments are what each tool cannot do without', async () => {
    const { tools } = await server.client.listTools();
    const required = Object.fromEntries(tools.map((tool) => [tool.name, tool.inputSchema.required ?? []]));
    expect(required).toMatchObject({ oracle: ['prompt'], council: ['question'], swarm: [], offload: ['question'], hooks_report: [] });
  });

  test('the server names itself and its version in initialize', () => {
    expect(server.client.getServerVersion()).toMatchObject({ name: 'fanout', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(server.client.getInstructions()).toContain('provider: "sim"');
  });
});
