import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from '../state.js';

/** The Batch API routes (/v1/files, /v1/batches). */
export function batchRoutes(_sim: SimState) {
  return {
    route: (_req: IncomingMessage, _res: ServerResponse, _path: string): boolean => false,
    close: (): void => {},
  };
}
