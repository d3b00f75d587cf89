import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The program a pre-started node runs: `node -e BOOT` for `-e` hooks (node's -e start-up: its
// globals and built-in modules as globals), `node BOOT_FILE` for script hooks (a script's start-up,
// none of -e's globals). Node has started and blocks reading fd 3.
// When the event comes, the server writes the hook there (see handover.ts) and closes it; the program
// becomes what `node -e CODE args…` or `node SCRIPT args…` would have been from the start: cwd, the
// whole environment, process.argv / execArgv / _eval, then the code evaluated as node's own -e does
// (a `[eval]` module for the cwd: module, exports, require, __filename, __dirname as globals), or the
// script run by node's own entry point (Module.runMain: require.main, ESM detection, realpath). An
// empty read (the server went away before an event) exits at once.
export const NODE_BOOT = String.raw`(() => {
  const fs = require('fs');
  const path = require('path');
  const Module = require('module');
  const vm = require('vm');
  const data = fs.readFileSync(3);
  fs.closeSync(3);
  if (data.length === 0) process.exit(0);
  const f = data.toString('utf8').split('\0');
  const [cwd, mode, target] = f;
  const n = Number(f[3]);
  const args = f.slice(4, 4 + n);
  const m = Number(f[4 + n]);
  const env = f.slice(5 + n, 5 + n + m);
  process.chdir(cwd);
  for (const key of Object.keys(process.env)) delete process.env[key];
  for (const kv of env) {
    const eq = kv.indexOf('=');
    process.env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  if (mode === 'code') {
    process.argv = [process.execPath, ...args];
    process.execArgv = ['-e', target];
    Object.defineProperty(process, '_eval', { value: target, writable: false, enumerable: true, configurable: true });
    const main = new Module('[eval]');
    main.filename = path.join(cwd, '[eval]');
    main.paths = Module._nodeModulePaths(cwd);
    globalThis.module = main;
    globalThis.exports = main.exports;
    globalThis.require = Module.createRequire(main.filename);
    globalThis.__filename = '[eval]';
    globalThis.__dirname = '.';
    vm.runInThisContext(target, { filename: '[eval]' });
  } else {
    process.argv = [process.execPath, path.resolve(target), ...args];
    // Started as \`node BOOT_FILE\` (not -e: -e defines globals a script never sees): forget this file.
    delete require.cache[__filename];
    Module.runMain();
  }
})();
`;

/** Where script hooks' boot file lives: written once into a private directory (the server's state dir). */
export function nodeBootFile(dir: string): string {
  const file = path.join(dir, `node-boot-${createHash('sha256').update(NODE_BOOT).digest('hex').slice(0, 12)}.cjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, NODE_BOOT, { mode: 0o600 });
    fs.renameSync(temp, file);
  }
  return file;
}
