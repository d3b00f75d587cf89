// The fields of a `module` handler: `{"type": "module", "module": "./hooks/x.mjs", "export": "default", "isolate": true}`.
import { jsonPathJoin, showValue } from './json-path.js';
import type { HandlerDraft } from './types.js';

type Fail = (jsonPath: string, problem: string) => never;
const EXPORT_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function moduleFields(
  raw: Record<string, unknown>,
  at: string,
  baseDir: string | undefined,
  fail: Fail,
): Pick<HandlerDraft, 'type' | 'module' | 'exportName' | 'isolate' | 'baseDir'> {
  const module = raw.module;
  if (typeof module !== 'string' || module.trim() === '') {
    fail(jsonPathJoin(at, 'module'), `must be the path of an ES module (e.g. "./hooks/check.mjs"), got ${showValue(module)}`);
  }
  const exportName = raw.export ?? 'default';
  if (typeof exportName !== 'string' || !EXPORT_NAME.test(exportName)) {
    fail(jsonPathJoin(at, 'export'), `must be the name of an exported function, got ${showValue(exportName)}`);
  }
  const isolate = raw.isolate ?? false;
  if (typeof isolate !== 'boolean') fail(jsonPathJoin(at, 'isolate'), `must be true or false, got ${showValue(isolate)}`);
  if (raw.background === true) {
    fail(jsonPathJoin(at, 'background'), 'is not supported for module hooks (they run inside the executor; use a command hook to fire and forget)');
  }
  return { type: 'module', module, exportName, isolate, ...(baseDir === undefined ? {} : { baseDir }) };
}
