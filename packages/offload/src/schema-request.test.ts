// What goes over the wire: the readers and the writer are forced to their JSON schemas, and an answer
// in a ```json fence (a model without structured output) still counts. A bare HTTP server records it.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { offload } from './offload.js';
import { withTempDir } from './test-helpers/tmp.js';

const bodies: Record<string, any>[] = [];
let server: Server;
let baseUrl: string;

function reply(body: Record<string, any>): string {
  if (body.response_format?.json_schema?.name === 'offload_findings') {
    const findings = [{ claim: 'The limit is set here.', file: 'a.ts', line_start: 2, line_end: 2, quote: 'const LIMIT = 7;' }];
    return `Here is what I found:\n\`\`\`json\n${JSON.stringify({ relevant: true, findings, confidence: 0.9 })}\n\`\`\``;
  }
  return JSON.stringify({ answer: 'LIMIT is 7 [F1].', conflicts: [] });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, any>;
      bodies.push(body);
      const completion = {
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply(body) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1 },
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('map and reduce requests carry strict json_schema response formats; a fenced answer is read', () =>
  withTempDir(async (dir) => {
    writeFileSync(path.join(dir, 'a.ts'), 'export const name = "x";\nconst LIMIT = 7;\n');
    const result = await offload({
      question: 'What is the limit?',
      paths: ['a.ts'],
      cwd: dir,
      baseUrl,
      provider: 'openai',
      model: 'm-read',
      reduceModel: 'm-write',
      cacheDir: false,
    });
    const [map, reduce] = bodies;
    expect(map).toMatchObject({
      model: 'm-read',
      max_tokens: 2048,
      response_format: { type: 'json_schema', json_schema: { name: 'offload_findings', strict: true } },
    });
    expect(map!.response_format.json_schema.schema.required).toEqual(['relevant', 'findings', 'confidence']);
    expect(map!.messages[1].content).toBe(
      'Question: What is the limit?\n\n<file path="a.ts" lines="1-2">\n1| export const name = "x";\n2| const LIMIT = 7;\n</file>',
    );
    expect(reduce).toMatchObject({ model: 'm-write', response_format: { type: 'json_schema', json_schema: { name: 'offload_answer', strict: true } } });
    expect(result.answer).toBe('LIMIT is 7 [1].');
    expect(result.findings).toEqual([
      { claim: 'The limit is set here.', file: 'a.ts', line_start: 2, line_end: 2, quote: 'const LIMIT = 7;', verified: true, confidence: 0.9 },
    ]);
  }));
