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

/** What `encodePng` writes: the pixels as PNG samples, row after row, before filtering. */
export interface PngSpec {
  width: number;
  height: number;
  colourType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Each row's samples, packed as PNG packs them (rowBytes each), unfiltered. */
  rows: Uint8Array[];
  /** Each row's filter (0 none, 1 sub, 2 up, 3 average, 4 Paeth); default 0. */
  filters?: number[];
  palette?: number[];
  trns?: number[];
  interlace?: 0 | 1;
  /** How many IDAT chunks the compressed data is cut into. */
  idatChunks?: number;
}

/** A PNG of any colour type and depth, each row filtered as asked (the encoder side of the spec's filters). */
export function encodePng(spec: PngSpec): Buffer {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colourType];
  const bpp = Math.max(1, (channels * spec.depth) >> 3);
  const rowBytes = Math.ceil((spec.width * channels * spec.depth) / 8);
  const raw = Buffer.alloc((rowBytes + 1) * spec.height);
  for (let y = 0; y < spec.height; y++) {
    const row = spec.rows[y] ?? new Uint8Array(rowBytes);
    const above = spec.rows[y - 1] ?? new Uint8Array(rowBytes);
    const filter = spec.filters?.[y] ?? 0;
    raw[y * (rowBytes + 1)] = filter;
    for (let i = 0; i < rowBytes; i++) {
      const x = row[i] ?? 0;
      const a = i >= bpp ? (row[i - bpp] ?? 0) : 0;
      const b = above[i] ?? 0;
      const c = i >= bpp ? (above[i - bpp] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      raw[y * (rowBytes + 1) + 1 + i] = (x - predictor) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr.set([spec.depth, spec.colourType, 0, 0, spec.interlace ?? 0], 8);
  const data = deflateSync(raw);
  const pieces = spec.idatChunks ?? 1;
  const size = Math.ceil(data.length / pieces);
  const idats = Array.from({ length: pieces }, (_, k) =>
    pngChunk("IDAT", data.subarray(k * size, (k + 1) * size)),
  );
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", ihdr),
    ...(spec.palette ? [pngChunk("PLTE", Buffer.from(spec.palette))] : []),
    ...(spec.trns ? [pngChunk("tRNS", Buffer.from(spec.trns))] : []),
    ...idats,
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  return chunk(type, data);
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
