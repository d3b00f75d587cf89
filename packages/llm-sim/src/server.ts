import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicBatchRoutes } from './batch/anthropic-routes.js';
import { batchRoutes } from './batch/batch-routes.js';
import { geminiBatchRoutes } from './batch/gemini-routes.js';
import { SimError } from './errors.js';
import { createRouter, type ExtraRoute } from './http/router.js';
import { validateOptions } from './options.js';
import { SimState } from './state.js';
import type { SimOptions, SimServer } from './types.js';

const HOST = '127.0.0.1';

/**
 * Starts an OpenAI-compatible server on 127.0.0.1.
 * @example
 * const sim = await startSim({ latencyMs: 100, rules: [{ match: { persona: 'critic' }, reply: 'No.' }] });
 * const client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim' });
 */
export async function startSim(options: SimOptions = {}): Promise<SimServer> {
  validateOptions(options);
  const sim = new SimState(options);
  // Each provider's batch API: OpenAI's files and batches, Anthropic's Message Batches, Gemini's batch mode.
  const batchApis = [batchRoutes(sim), anthropicBatchRoutes(sim), geminiBatchRoutes(sim)];
  const extra: ExtraRoute = (req, res, path) => batchApis.some((api) => api.route(req, res, path));
  const server = createServer({ keepAlive: true, noDelay: true }, createRouter(sim, extra));
  // Longer than clients' idle timeouts (undici: 4 s), so the client closes idle sockets first.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new SimError('LISTEN_FAILED', `llm-sim cannot listen on ${HOST}:${options.port ?? 0}: ${error.code ?? error.message}`, { cause: error }));
    });
    // Swarm benches open ~1000 connections at once.
    server.listen({ port: options.port ?? 0, host: HOST, backlog: 4096 }, resolve);
  });
  // After listening, an accept error (e.g. EMFILE under 1000 connections) must not crash the host process.
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`llm-sim: server error: ${error.code ?? error.message}\n`);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    port,
    url,
    baseURL: `${url}/v1`,
    stats: () => sim.stats.snapshot(),
    resetStats: () => sim.stats.reset(),
    setOptions(patch) {
      if (patch.port !== undefined || patch.host !== undefined) {
        throw new SimError('USAGE', 'Options `port` and `host` cannot change while the server runs');
      }
      sim.apply(patch);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const api of batchApis) api.close();
        server.close(() => resolve());
        // Open keep-alive sockets and requests waiting out their latency would hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
