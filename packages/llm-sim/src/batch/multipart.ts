/** One part of a multipart/form-data body. */
export interface FormPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** The boundary of a multipart/form-data content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const found = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return found ? (found[1] ?? found[2]) : undefined;
}

function headerParam(headers: string, name: string): string | undefined {
  const found = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(headers) ?? new RegExp(`;\\s*${name}=([^;\\r\\n]+)`, 'i').exec(headers);
  return found?.[1]?.replace(/\\(.)/g, '$1');
}

/** Parses a whole multipart/form-data body; returns undefined when it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) return undefined;
  pos += delimiter.length;
  for (;;) {
    // After a delimiter: "--" closes the body, CRLF opens a part.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) return undefined;
    const headerEnd = body.indexOf('\r\n\r\n', pos + 2);
    if (headerEnd === -1) return undefined;
    const headers = body.toString('utf8', pos + 2, headerEnd);
    const end = body.indexOf(next, headerEnd + 4);
    if (end === -1) return undefined;
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1];
    const name = disposition ? headerParam(disposition, 'name') : undefined;
    if (name === undefined) return undefined;
    parts.push({
      name,
      filename: headerParam(disposition!, 'filename'),
      contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim(),
      data: body.subarray(headerEnd + 4, end),
    });
    pos = end + next.length;
  }
}
