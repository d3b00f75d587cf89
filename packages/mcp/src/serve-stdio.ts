// Serves MCP over stdin/stdout until the client goes away. A stdio server is started by its client
// (one per session) and must not outlive it: the end of stdin, a broken stdout or a signal closes
// the server, which aborts every call in flight (their HTTP requests close), and the process exits.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer, type ServerOptions } from './server.js';

// After closing, calls have this long to release what they hold before the process exits anyway.
const EXIT_GRACE_MS = 2000;

// A promise a library forgot to handle would end the process (Node's default), and with it every
// other call of the session: say what it was, without a key, and keep serving.
function reportUnhandled(reason: unknown): void {
  void import('@fanout/oracle').then(({ redact, secretsFromEnv }) => {
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    process.stderr.write(`${redact(`fanout-mcp: unhandled rejection: ${text}`, secretsFromEnv(process.env))}\n`);
  });
}

/** Resolves once the connection is over and the server closed. */
export async function serveStdio(options: ServerOptions): Promise<void> {
  process.on('unhandledRejection', reportUnhandled);
  const server = createServer(options);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
      server.close().finally(resolve);
    };
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.stdout.once('error', stop);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.once('SIGHUP', stop);
  });
}
