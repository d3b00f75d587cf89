import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from '../state.js';
import { sendError } from './respond.js';

/** Answers 401 (OpenAI-shaped, never echoing the key) and returns false when the key is wrong or missing. */
export function checkAuth(req: IncomingMessage, res: ServerResponse, sim: SimState): boolean {
  if (sim.authorization === undefined) return true;
  const given = req.headers.authorization;
  if (given === sim.authorization) return true;
  if (given === undefined || given === '') {
    sendError(
      res,
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  } else {
    sendError(res, 401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
  }
  return false;
}
