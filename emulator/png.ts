import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An RGB colour, 0–255 each. */
export type Rgb = readonly [number, number, number];

/**
 * A truecolour PNG of `width` × `height`: a vertical gradient from `top` to `bottom` with a lighter band across the
 * middle third, so a decoder (and a person) can tell images apart and see they are not blank.
 */
export function gradientPng(width: number, height: number, top: Rgb, bottom: Rgb): Buffer {
  const rowBytes = 1 + width * 3;
  const raw = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    const band = y > height / 3 && y < (2 * height) / 3 ? 40 : 0;
    const colour = top.map((channel, i) => Math.min(255, Math.round(channel + (bottom[i] - channel) * t) + band));
    const row = y * rowBytes;
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const offset = row + 1 + x * 3;
      raw[offset] = colour[0]!;
      raw[offset + 1] = colour[1]!;
      raw[offset + 2] = colour[2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Width and height from a PNG's header, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
