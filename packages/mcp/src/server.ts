// The MCP server: the SDK's protocol Server with fanout's tools. Tool arguments are checked here,
// not by the SDK's McpServer, so that a wrong call gets one line naming each bad argument. Only the
// schemas load with the server; each library (oracle, council, swarm, hook-monitor) is imported by
// the first call that needs it.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { callTool, errorResult, type CallOptions } from './call-tool.js';
import { parseArgs } from './parse-args.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { ToolDefinition } from './tool.js';
import { TOOLS } from './tools/index.js';

export const SERVER_NAME = 'fanout';

export interface ServerOptions extends CallOptions {
  /** Reported to clients in `initialize`. */
  readonly version: string;
  /** @default every fanout tool */
  readonly tools?: readonly ToolDefinition[];
}

const INSTRUCTIONS =
  'fanout runs model consultations in parallel: oracle (one question to one or several personas at once), council (personas deliberating in ' +
    'rounds), swarm (one prompt sampled many times, voted), offload (a question about many files, answered by parallel readers with verified ' +
    'quotes), and hooks_report (where Claude Code hook latency goes). Keys come from the environment the server runs in; pass provider: "sim" to ' +
    'try any tool offline.';

interface Registered {
  readonly tool: ToolDefinition;
  /** Unknown arguments are refused: a model that invents `api_key` hears so. */
  readonly schema: z.ZodType<Record<string, unknown>>;
}

function listing({ tool, schema }: Registered) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as { type: 'object'; [key: string]: unknown },
    annotations: { title: tool.title, readOnlyHint: tool.readOnly, openWorldHint: true },
  };
}

// The SDK validates only what a server asks a client for (elicitation), which this server never does;
// its default validator builds an Ajv instance on every start, for nothing.
const NO_ELICITATION: jsonSchemaValidator = {
  getValidator: () => () => ({ valid: false, data: undefined, errorMessage: 'fanout-mcp asks clients for no input' }),
};

export function createServer(options: ServerOptions): Server {
  const server = new Server(
    { name: SERVER_NAME, version: options.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator: NO_ELICITATION },
  );
  const tools = new Map<string, Registered>();
  for (const tool of options.tools ?? TOOLS) tools.set(tool.name, { tool, schema: z.strictObject(tool.inputSchema) });
  let listed: ReturnType<typeof listing>[] | undefined;

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: (listed ??= [...tools.values()].map(listing)) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const entry = tools.get(request.params.name);
    if (!entry) throw new McpError(ErrorCode.InvalidParams, `unknown tool "${request.params.name}"; this server has ${[...tools.keys()].join(', ')}`);
    const args = parseArgs(entry.schema, request.params.arguments, entry.tool.name);
    if (!args.ok) return errorResult(args.message);
    return callTool(entry.tool, args.value, extra, options);
  });
  return server;
}
