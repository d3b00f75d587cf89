// Preloaded with `node --import` by process.test.ts: records the URL of every module the process
// resolves, in `globalThis.importedUrls`, through a module.register() resolve hook.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
globalThis.importedUrls = [];
port1.on('message', (url) => globalThis.importedUrls.push(url));
port1.unref();

const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
