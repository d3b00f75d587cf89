// `fanout-mcp`: the MCP server over stdio. Its only flags are --help and --version; everything else
// (keys, base URL, default model, the hook store) comes from the environment it is started in.
import { readFileSync } from 'node:fs';

const HELP = `fanout-mcp — fanout's oracle, council, swarm, offload and hook report as MCP tools, over stdio

Usage: fanout-mcp            (started by an MCP client, which talks to it on stdin/stdout)
       fanout-mcp --help | --version

Tools: oracle (one question, one or several personas at once), council (personas deliberating in
rounds), swarm (one prompt asked many times, voted), offload (a question about many files, read by
parallel readers, answered with verified quotes), hooks_report (hook-monitor's summary).
Every model tool takes provider: "sim" to run offline against the built-in simulator.

Examples:
  claude mcp add fanout -- fanout-mcp                 register it with Claude Code
  claude mcp add fanout -e OPENAI_API_KEY=sk-… -- fanout-mcp
  {"mcpServers": {"fanout": {"command": "fanout-mcp"}}}   an .mcp.json entry for any client

Environment: OPENAI_API_KEY (or OPENROUTER_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, chosen by a
tool's provider argument), OPENAI_BASE_URL (any OpenAI-compatible server), FANOUT_MODEL,
HOOK_MONITOR_DIR. Keys are read here only: never from tool arguments, never in results.

Exit codes: 0 the client closed the connection, 2 usage error.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs `fanout-mcp` with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [first] = argv;
  if (first === '--help' || first === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (first !== undefined) {
    process.stderr.write(`fanout-mcp: unknown argument "${first}"; it takes none (see fanout-mcp --help)\n`);
    return 2;
  }
  // The SDK and the schemas load only on the serving path, so --help and --version stay instant.
  const { serveStdio } = await import('./serve-stdio.js');
  await serveStdio({ version: version() });
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
