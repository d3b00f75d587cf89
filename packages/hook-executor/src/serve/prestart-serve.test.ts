// serve's pre-started interpreters as a long-lived process must keep them: started for the shapes
// its events used, serving the next event, and gone when the server dies — even by SIGKILL.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { alive, sleep } from '../test-helpers/fixtures.js';
import { hookPost, serveEnv, startServe } from '../test-helpers/serve.js';

/** The server's environment without the variables that make an interpreter start cold. */
function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(PYTHON|NODE_|VIRTUAL_ENV|CONDA_PREFIX)/.test(name)));
}

function stats(url: string, token: string): Promise<{ interpreters: { taken: number; idle: { python: number; node: number } } }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/health`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(JSON.parse(text).stats));
      })
      .on('error', reject);
  });
}

/** The server's children blocked as pre-started interpreters (their command line holds the boot). */
function interpretersOf(serverPid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === serverPid && (cmdline.includes('def _hx(') || cmdline.includes('node-boot-') || cmdline.includes('readFileSync(3)')))
        found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

describe('serve keeps python and node interpreters started between events', () => {
  test('the second event runs in them; a SIGKILLed server leaves none behind', async () => {
    const s = serveEnv();
    const env = cleanEnv(s.env);
    const server = await startServe({ ...s, env });
    try {
      const dir = path.join(s.dir, 'project');
      fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, '.claude', 'hook-executor.json'),
        JSON.stringify({
          hooks: {
            UserPromptSubmit: [
              {
                hooks: [
                  { id: 'py', type: 'command', command: `/usr/bin/python3 -c 'import json,sys; print("py", json.load(sys.stdin)["prompt"])'` },
                  {
                    id: 'js',
                    type: 'command',
                    command: `${process.execPath} -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log("js",JSON.parse(s).prompt))'`,
                  },
                ],
              },
            ],
          },
        }),
      );
      const ask = async (prompt: string) => {
        const answer = await hookPost(server, 'UserPromptSubmit', { session_id: 'p', cwd: dir, hook_event_name: 'UserPromptSubmit', prompt });
        expect(answer.status).toBe(200);
        return JSON.parse(answer.body).hookSpecificOutput.additionalContext as string;
      };
      expect(await ask('one')).toBe('py one\n\njs one');
      for (let i = 0; i < 200; i++) {
        const idle = (await stats(server.url, server.token)).interpreters.idle;
        if (idle.python >= 1 && idle.node >= 1) break;
        await sleep(50);
      }
      expect(await ask('two')).toBe('py two\n\njs two');
      expect((await stats(server.url, server.token)).interpreters.taken).toBe(2);

      for (let i = 0; i < 200 && interpretersOf(server.pid).length < 2; i++) await sleep(50);
      const idle = interpretersOf(server.pid);
      expect(idle.length).toBeGreaterThanOrEqual(2);
      process.kill(server.pid, 'SIGKILL');
      for (let i = 0; i < 200 && idle.some(alive); i++) await sleep(50);
      expect(idle.filter(alive)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
