import type { ServerResponse } from 'node:http';
import type { SimState } from '../state.js';
import { modelNotFound, sendError, sendJson } from './respond.js';

// A fixed creation time keeps the listing deterministic.
const CREATED = 1_700_000_000;

function modelObject(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'llm-sim' };
}

/** GET /v1/models (OpenAI's list shape) and GET /v1/models/:id. */
export function modelsRoute(res: ServerResponse, sim: SimState, id: string | undefined): void {
  if (id === undefined) {
    sendJson(res, 200, JSON.stringify({ object: 'list', data: sim.models.map(modelObject) }));
  } else if (sim.modelSet.has(id)) {
    sendJson(res, 200, JSON.stringify(modelObject(id)));
  } else {
    sendError(res, 404, modelNotFound(id), { code: 'model_not_found', param: 'model' });
  }
}
