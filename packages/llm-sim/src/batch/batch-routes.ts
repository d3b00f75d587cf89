import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAuth } from '../http/auth.js';
import type { SimState } from '../state.js';
import type { BatchJob } from './batch-job.js';
import { batchesRoutes } from './batches-routes.js';
import { FileStore } from './file-store.js';
import { filesRoutes } from './files-routes.js';

/** The Batch API (/v1/files, /v1/batches), held in memory for the life of one server. */
export function batchRoutes(sim: SimState) {
  const files = new FileStore();
  const jobs = new Map<string, BatchJob>();
  const context = { sim, files, jobs };
  return {
    route(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      let segments: string[];
      try {
        segments = path.slice(1).split('/').map(decodeURIComponent);
      } catch {
        return false;
      }
      const area = segments[0];
      if (area !== 'files' && area !== 'batches') return false;
      if (!checkAuth(req, res, sim)) return true;
      const url = req.url ?? '';
      const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
      return area === 'files' ? filesRoutes(req, res, segments, files, query) : batchesRoutes(req, res, segments, context, query);
    },
    close(): void {
      for (const job of jobs.values()) job.dispose();
      jobs.clear();
      files.clear();
    },
  };
}
