import zlib from 'node:zlib';

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  /** Share of decoded scanline bytes that are not pure white (0xff): 0 for a blank page. */
  readonly inkShare: number;
}

/** Reads a PNG's size and how much of it is not white, with node:zlib only. */
export function inspectPng(bytes: Buffer): PngInfo {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('not a PNG file');
  }
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  let ink = 0;
  for (const byte of raw) if (byte !== 0xff && byte !== 0) ink++;
  return { width, height, inkShare: ink / raw.length };
}
