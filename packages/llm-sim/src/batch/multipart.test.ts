import { describe, expect, test } from '@jest/globals';
import { multipartBoundary, parseMultipart } from './multipart.js';

describe('multipart/form-data', () => {
  test('finds the boundary, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });

  test('parses fields and files, keeping binary content and CRLFs inside it', () => {
    const content = Buffer.from('line one\r\nline two\n\u00e9\u0000');
    const body = Buffer.concat([
      Buffer.from('--XY\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n'),
      Buffer.from('--XY\r\nContent-Disposition: form-data; name="file"; filename="in \\"1\\".jsonl"\r\nContent-Type: application/jsonl\r\n\r\n'),
      content,
      Buffer.from('\r\n--XY--\r\n'),
    ]);
    const parts = parseMultipart(body, 'XY')!;
    expect(parts.map((p) => p.name)).toEqual(['purpose', 'file']);
    expect(parts[0]!.data.toString()).toBe('batch');
    expect(parts[0]!.filename).toBeUndefined();
    expect(parts[1]!.filename).toBe('in "1".jsonl');
    expect(parts[1]!.contentType).toBe('application/jsonl');
    expect(Buffer.compare(parts[1]!.data, content)).toBe(0);
  });

  test('malformed bodies are undefined', () => {
    expect(parseMultipart(Buffer.from('no boundary here'), 'XY')).toBeUndefined();
    expect(parseMultipart(Buffer.from('--XY\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), 'XY')).toBeUndefined();
    expect(parseMultipart(Buffer.from('--XY\r\nX-Other: 1\r\n\r\nv\r\n--XY--'), 'XY')).toBeUndefined();
  });
});
