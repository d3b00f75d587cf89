// Checks that need a fresh process and the built package (`npm run build` first; CI builds before testing).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from '@jest/globals';

const run = promisify(execFile);
// A child still running when its test gives up is killed rather than left to outlive the test run.
const CHILD_TIMEOUT_MS = 25_000;
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const helper = (name: string) => fileURLToPath(new URL(`./test-helpers/${name}`, import.meta.url));

async function importedUrls(code: string, entry = dist): Promise<string[]> {
  const script = `await import(${JSON.stringify(pathToFileURL(entry).href)}).then(async (core) => { ${code} });
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(JSON.stringify(globalThis.importedUrls));`;
  const { stdout } = await run(process.execPath, ['--import', pathToFileURL(helper('record-imports.mjs')).href, '--input-type=module', '-e', script], {
    timeout: CHILD_TIMEOUT_MS,
  });
  return JSON.parse(stdout) as string[];
}

describe('in a fresh process', () => {
  beforeAll(() => {
    if (!existsSync(dist)) throw new Error(`${dist} is missing: build the package first (npm run build)`);
  });

  test('importing the package does not load ora (hook-executor imports it on every event)', async () => {
    const plain = await importedUrls('void core.pmap;');
    expect(plain.some((url) => url.endsWith('/dist/index.js'))).toBe(true);
    expect(plain.filter((url) => /\/ora\//.test(url))).toEqual([]);
    // A run with progress on a non-TTY does not load it either.
    const silent = await importedUrls('await core.pmap([1, 2], async (x) => x, { progress: true });');
    expect(silent.filter((url) => /\/ora\//.test(url))).toEqual([]);
    // Control: the detector does see ora once a display is enabled.
    const drawn = await importedUrls(
      "const { Writable } = await import('node:stream'); const r = core.createProgress({ enabled: true, stream: Object.assign(new Writable({ " +
        "write(c, e, cb) { cb(); } }), { isTTY: true, cursorTo() {}, clearLine() {}, moveCursor() {} }) }); await new Promise((r) => setTimeout(r, " +
        "200)); r.stop();",
    );
    expect(drawn.some((url) => /\/ora\//.test(url))).toBe(true);
  });

  test('importing the index loads only its own files and two Node builtins, and starts nothing', async () => {
    const urls = await importedUrls('void core.pmap;');
    expect([...new Set(urls.filter((url) => !url.includes('/dist/')))].sort()).toEqual(['node:events', 'node:os']);
    // No timer, socket or other handle is made at import: every module only defines things.
    const script = `const before = process.getActiveResourcesInfo();
await import(${JSON.stringify(pathToFileURL(dist).href)});
await new Promise((resolve) => setTimeout(resolve, 50)); // the loader's own file reads settle
console.log(JSON.stringify([before, process.getActiveResourcesInfo()]));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: CHILD_TIMEOUT_MS });
    const [before, after] = JSON.parse(stdout) as [string[], string[]];
    expect(after).toEqual(before);
  });

  test('the ./graph entry loads only the scheduler for a plain graph, the policies when asked for; ./http a handful', async () => {
    const entry = (name: string) => fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url));
    const files = (urls: string[]) => [...new Set(urls.filter((u) => u.includes('/dist/')).map((u) => u.slice(u.lastIndexOf('/') + 1)))].sort();
    const plain = await importedUrls(
      "const r = await core.runGraph([{ id: 'a', run: async () => 1 }, { id: 'b', after: ['a'], run: async () => 2 }], { concurrency: 1, " +
        "cancelWhen: () => false }); if (r.byId.get('b').value !== 2) throw new Error('wrong');",
      entry('graph'),
    );
    expect(files(plain)).toEqual([
      'errors.js',
      'graph-validate.js',
      'graph.js',
      'optimal-workers.js',
      'plain-policy.js',
      'run-graph.js',
      'run-scope.js',
      'validate.js',
    ]);
    const timed = files(await importedUrls("await core.runGraph([{ id: 'a', timeoutMs: 1000, run: async () => 1 }]);", entry('graph')));
    expect(timed).toEqual(expect.arrayContaining(['resolve-policy.js', 'run-task.js', 'run-attempt.js', 'deadlines.js']));
    expect(timed).not.toContain('pool.js');
    const http = files(await importedUrls('void core.parseRetryAfter;', entry('http')));
    expect(http).toEqual(['error-kind.js', 'errors.js', 'header-value.js', 'http.js', 'rate-limit-headers.js', 'retry-after.js']);
  });

  test('no unhandled rejections (or leak warnings) under failures, timeouts, aborts, breaks and cancellations', async () => {
    const { stdout } = await run(process.execPath, [helper('run-hygiene.mjs'), pathToFileURL(dist).href], {
      timeout: CHILD_TIMEOUT_MS,
    });
    // 1 is the control rejection the script makes on purpose, proving the listener works.
    expect(JSON.parse(stdout)).toEqual({ unhandled: 1, warnings: [] });
  });

  test('a run that ended early leaves nothing behind that keeps the process alive', async () => {
    // Tasks ignore their signals under a one-minute timeoutMs, and a rate-limit wait of a minute is
    // abandoned: a per-attempt timer or a limiter timer left armed would hold the process that long.
    const started = performance.now();
    const { stdout } = await run(process.execPath, [helper('ends-cleanly.mjs'), pathToFileURL(dist).href], {
      timeout: CHILD_TIMEOUT_MS,
    });
    expect(JSON.parse(stdout)).toEqual({ done: true });
    expect(performance.now() - started).toBeLessThan(CHILD_TIMEOUT_MS);
  });
});
