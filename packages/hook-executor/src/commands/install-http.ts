// What `install --mode http` needs besides the plan: the token (created once, 0600) and the port
// the hooks' URLs name (kept in the state dir for `serve`).
import fs from 'node:fs';
import net from 'node:net';
import { HookExecutorError } from '../errors.js';
import type { HttpMode } from '../install/http-mode.js';
import { registeredPort } from '../serve/foreground.js';
import { serveFiles } from '../serve/serve-files.js';
import { ensureToken } from '../serve/token.js';

/** A port free on 127.0.0.1 right now (the kernel's pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function httpSetup(args: { gates?: string; port?: number }, scope: string, dryRun: boolean): Promise<HttpMode> {
  if (scope === 'project') {
    throw new HookExecutorError(
      'USAGE',
      '--mode http puts the server\'s secret token in the settings file\'s env, and .claude/settings.json is usually committed: use --scope local ' +
        '(.claude/settings.local.json) or --scope user',
    );
  }
  const gates = args.gates ?? 'command';
  if (gates !== 'command' && gates !== 'http') throw new HookExecutorError('USAGE', `--gates must be "command" or "http", got "${gates}"`);
  const files = serveFiles();
  const port = args.port ?? registeredPort(files) ?? (await freePort());
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new HookExecutorError('USAGE', `--port must be from 1 to 65535, got ${port}`);
  if (dryRun) return { port, gates, token: `<the token in ${files.token}>` }; // a dry run shows no secret and writes nothing
  const token = ensureToken(files.token);
  if (registeredPort(files) !== port) fs.writeFileSync(files.port, `${port}\n`, { mode: 0o600 });
  return { port, gates, token };
}
