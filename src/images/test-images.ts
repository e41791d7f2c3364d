// Test support: small but real image files built byte by byte, so the image checks are tested on
// files that follow the formats' specifications (a PNG here decodes in any viewer).
import { crc32, deflateSync } from "node:zlib";

/** A valid greyscale PNG of `width`×`height` filled with deterministic noise (so it does not compress away). */
export function makePng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  let seed = 42;
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 1; x <= width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      raw[y * (width + 1) + x] = seed >>> 23;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The segment structure of a baseline JPEG (SOI, APP0, SOF0, SOS, data, EOI): what the checks read. */
export function makeJpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x0b,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    1,
    1,
    0x11,
    0,
  ];
  const sos = [0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, ...sos, 0x12, 0x34, 0x56, 0xff, 0x00, 0x78, 0xff, 0xd9]);
}

/** A 1×1 GIF89a (the classic transparent pixel). */
export const GIF_1X1 = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The header of a lossless WebP (RIFF, VP8L) of `width`×`height`, its RIFF size matching the bytes. */
export function makeWebp(width: number, height: number): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  const payload = Buffer.alloc(10);
  payload[0] = 0x2f;
  payload.writeUInt32LE(bits >>> 0, 1);
  const vp8l = Buffer.concat([Buffer.from("VP8L"), u32(payload.length), payload]);
  return Buffer.concat([Buffer.from("RIFF"), u32(4 + vp8l.length), Buffer.from("WEBP"), vp8l]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}
