import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from '../state.js';
import { checkAuth } from './auth.js';
import { chatRoute } from './chat-route.js';
import { modelsRoute } from './models-route.js';
import { sendError, sendJson, sendNotFound } from './respond.js';

/** Handlers of routes outside the chat core (the Batch API plugs in here). */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

const GEMINI_OPENAI = '/v1beta/openai/';

function fail(res: ServerResponse, error: unknown): void {
  // A bug in the simulator: answer 500 if still possible, else drop the connection.
  if (!res.headersSent) sendError(res, 500, `llm-sim internal error: ${(error as Error).message}`);
  else res.destroy();
}

/**
 * Routes a request; paths work with or without the `/v1` prefix, and with Gemini's OpenAI-compatible
 * prefix `/v1beta/openai` (Gemini's own batch routes keep their `/v1beta/` prefix).
 */
export function createRouter(sim: SimState, extra: ExtraRoute | undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    let path = query === -1 ? url : url.slice(0, query);
    if (path.startsWith('/v1/')) path = path.slice(3);
    else if (path.startsWith(GEMINI_OPENAI)) path = path.slice(GEMINI_OPENAI.length - 1);
    const method = req.method;
    if (path === '/chat/completions' && method === 'POST') {
      chatRoute(req, res, sim).catch((error: unknown) => fail(res, error));
      return;
    }
    if (path === '/stats' && method === 'GET') return sendJson(res, 200, JSON.stringify(sim.stats.snapshot()));
    if (path === '/stats/reset' && method === 'POST') {
      sim.stats.reset();
      return sendJson(res, 200, JSON.stringify(sim.stats.snapshot()));
    }
    if (method === 'GET' && (path === '/models' || path.startsWith('/models/'))) {
      if (!checkAuth(req, res, sim)) return;
      return modelsRoute(res, sim, path === '/models' ? undefined : decodeURIComponent(path.slice(8)));
    }
    try {
      if (extra?.(req, res, path)) return;
    } catch (error) {
      return fail(res, error);
    }
    req.resume();
    sendNotFound(req, res);
  };
}
