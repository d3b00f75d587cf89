// serve against hostile and careless clients: a 401 ends the connection however long the client
// keeps sending, refusals are logged in bounded numbers, foreign Host and browser Origin headers
// are refused, a client aborting mid-body costs a quiet close, the connection count is capped.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sleep, tempDir } from '../test-helpers/fixtures.js';
import { startHookServer, type HookServer } from './hook-server.js';

const TOKEN = 'hardening-token-0123456789abcdefghijklmnop';
const lines: string[] = [];
let server: HookServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('hook-executor-hardening-');
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(
    path.join(dir, '.claude', 'hook-executor.json'),
    JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo \'{"decision":"block","reason":"r"}\'' }] }] } }),
  );
  server = await startHookServer({ token: TOKEN, warmShells: 0, record: () => {}, log: (line) => lines.push(line), maxConnections: 8, home: dir });
});
afterAll(async () => server.close());

/** A raw HTTP/1.1 exchange: what was received, and whether the server closed the connection. */
function raw(request: string, options: { keepSending?: boolean; waitMs?: number } = {}): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let text = '';
    let closedByServer = false;
    let trickle: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => {});
    socket.on('end', () => (closedByServer = true));
    socket.on('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve({ text, closedByServer: true });
    });
    socket.write(request);
    if (options.keepSending) trickle = setInterval(() => socket.write('x'.repeat(1024)), 20);
    const giveUp = setTimeout(() => {
      clearInterval(trickle);
      resolve({ text, closedByServer });
      socket.destroy();
    }, options.waitMs ?? 3000);
  });
}

const hostHeader = () => `127.0.0.1:${server.port}`;
const stopInput = () => JSON.stringify({ session_id: 'h', cwd: dir, hook_event_name: 'Stop' });

describe('serve against hostile clients', () => {
  test('a 401 ends the connection, even when the client keeps sending body bytes after it', async () => {
    const started = Date.now();
    const { text, closedByServer } = await raw(`POST /hooks/Stop HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Length: 1000000000\r\n\r\nxxxx`, {
      keepSending: true,
      waitMs: 5000,
    });
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(closedByServer).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000); // closed by the server, not by the test's give-up
  });

  test('a flood of 401s leaves a bounded number of log lines, and the count of the rest', async () => {
    const before = lines.length;
    for (let i = 0; i < 40; i++) {
      const { text } = await raw(`GET /hooks/Stop HTTP/1.1\r\nHost: ${hostHeader()}\r\nAuthorization: Bearer wrong\r\n\r\n`, { waitMs: 2000 });
      expect(text).toMatch(/^HTTP\/1\.1 401 /);
    }
    const logged = lines.slice(before).filter((l) => l.startsWith('401 '));
    expect(logged.length).toBeLessThanOrEqual(10);
    expect(logged.length).toBeGreaterThan(0);
    expect(server.stats().unauthorized).toBeGreaterThanOrEqual(40);
  });

  test('a foreign Host (DNS rebinding) or a browser Origin is refused with 403 before the token is looked at; the hooks never run', async () => {
    const auth = `Authorization: Bearer ${TOKEN}\r\n`;
    const body = stopInput();
    const post = (headers: string) => raw(`POST /hooks/Stop HTTP/1.1\r\n${headers}${auth}Content-Length: ${body.length}\r\n\r\n${body}`, { waitMs: 5000 });
    for (const headers of [
      `Host: evil.example:${server.port}\r\n`,
      `Host: 127.0.0.1:${server.port + 1}\r\n`,
      '',
      `Host: ${hostHeader()}\r\nOrigin: https://evil.example\r\n`,
      `Host: ${hostHeader()}\r\nOrigin: null\r\n`,
    ]) {
      const { text } = await post(headers);
      expect(text).toMatch(/^HTTP\/1\.1 (403|400) /); // 400: node refuses an HTTP/1.1 request without Host itself
      expect(text).not.toContain('block');
    }
    for (const headers of [`Host: ${hostHeader()}\r\n`, `Host: localhost:${server.port}\r\n`, 'Host: 127.0.0.1\r\n']) {
      const { text } = await post(`${headers}Connection: close\r\n`);
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      expect(text).toContain('"decision":"block"');
    }
  });

  test('a client that aborts mid-body: no stack in the log, and the server answers the next request', async () => {
    const before = lines.length;
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(`POST /hooks/Stop HTTP/1.1\r\nHost: ${hostHeader()}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 100000\r\n\r\n{"session_id":`);
    await sleep(200);
    socket.destroy();
    await sleep(300);
    expect(lines.slice(before).join('\n')).not.toMatch(/internal error|\n\s+at /);
    const body = stopInput();
    const { text } = await raw(`POST /hooks/Stop HTTP/1.1\r\nHost: ${hostHeader()}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ` +
      `${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(text).toContain('"decision":"block"');
  });

  test('/sessions refuses a relative project dir', async () => {
    const body = JSON.stringify({ session_id: 's', project_dir: 'relative/dir' });
    const { text } = await raw(`POST /sessions HTTP/1.1\r\nHost: ${hostHeader()}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ` +
      `${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain('absolute project dir');
  });

  test('connections past the cap are closed at once; the ones held still work', async () => {
    const held = await Promise.all(
      Array.from({ length: 8 }, () => new Promise<net.Socket>((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1', () => resolve(socket));
        socket.on('error', () => {});
      })),
    );
    await sleep(100);
    const extra = await raw(`GET /health HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n`, { waitMs: 3000 });
    expect(extra).toEqual({ text: '', closedByServer: true });
    held[0]!.write(`GET /health HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n`);
    const answer = await new Promise<string>((resolve) => held[0]!.once('data', (c) => resolve(c.toString())));
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    for (const socket of held) socket.destroy();
  });
});
