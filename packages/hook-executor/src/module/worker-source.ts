// The code of an isolated module hook's worker thread, evaluated as a script (`eval: true`) so that
// it needs no file of its own (the same string works from src/ under jest, dist/ and the esbuild bundle).
// One worker serves one call at a time; it imports the module once and is reused while warm.
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// A hook's console.log must never reach the executor's stdout (Claude Code reads it there): stderr instead.
process.stdout.write = process.stderr.write.bind(process.stderr);
const describe = (e) => (e instanceof Error ? e.name + ': ' + e.message : 'a non-error value ' + String(e));
const loading = import(workerData.url).then((m) => {
  const fn = m[workerData.exportName];
  if (typeof fn !== 'function') throw new Error('export "' + workerData.exportName + '" is not a function (got ' + typeof fn + ')');
  return fn;
});
loading.catch(() => {});
parentPort.on('message', async (call) => {
  let fn;
  try {
    fn = await loading;
  } catch (e) {
    parentPort.postMessage({ kind: 'load-error', error: describe(e) });
    return;
  }
  try {
    const value = await fn(JSON.parse(call.input), { ...call.context, signal: new AbortController().signal });
    try {
      parentPort.postMessage({ kind: 'value', value });
    } catch (e) {
      parentPort.postMessage({ kind: 'throw', error: 'returned a value that cannot leave the worker (' + describe(e) + ')' });
    }
  } catch (e) {
    parentPort.postMessage({ kind: 'throw', error: 'threw ' + describe(e) });
  }
});
`;

/** What the worker answers for one call. */
export type WorkerReply =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'throw'; readonly error: string }
  | { readonly kind: 'load-error'; readonly error: string };
