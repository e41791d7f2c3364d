import { crc32, inflate, type ZlibOptions } from "node:zlib";

// Not util.promisify: an ES import of node:util reads every export of it, and some load more of Node
// (its text differ, its argument parser: about 3 ms of CPU at the first check of a process).
const inflateAsync = (data: Buffer, options: ZlibOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    inflate(data, options, (error, result) => (error ? reject(error) : resolve(result))),
  );

/**
 * A PNG decoded to one grey byte a pixel, kept as a binary PGM file (P5): `pgm` is the whole file,
 * `grey` the pixels inside it, row after row. `mean` is their mean grey (0 black … 255 white).
 */
export interface GreyImage {
  ok: true;
  width: number;
  height: number;
  pgm: Buffer;
  grey: Uint8Array;
  mean: number;
}

export type GreyResult = GreyImage | { ok: false; reason: string };

/**
 * Bounds of what is decoded; anything larger is not decoded at all. 16 Mpx holds a 5K screen (5120×2880);
 * 64 MiB of inflated data holds it in RGBA. The inflate stops at the size the header announces, so a zip
 * bomb in IDAT costs no more than a genuine image of that size.
 */
export const PNG_LIMITS = { maxPixels: 1 << 24, maxRawBytes: 64 * 1024 * 1024 };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Channels a pixel has, by colour type; the bit depths each allows. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.equals(bytes.subarray(0, 8));
}

/**
 * Decodes a non-interlaced PNG (any colour type, bit depths 1 to 16) to grey, with the luminance weights
 * tesseract's own conversion uses (Leptonica: 0.3 R + 0.5 G + 0.2 B) and transparency laid over white.
 * Never throws: an interlaced, damaged (chunk past the end, wrong CRC, bad filter, short or long image
 * data), unusual (colour-key transparency) or oversized image gives `ok: false` and the reason.
 */
export async function pngToGrey(bytes: Buffer, limits = PNG_LIMITS): Promise<GreyResult> {
  const no = (reason: string): GreyResult => ({ ok: false, reason });
  if (!isPng(bytes)) return no("not a PNG");
  let width = 0;
  let height = 0;
  let depth = 0;
  let colourType = -1;
  let palette: Buffer | undefined;
  let alphas: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  for (let offset = 8; !ended; ) {
    if (offset + 12 > bytes.length) return no("truncated chunk header");
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    if (length > bytes.length - offset - 12) return no(`chunk ${type} runs past the end`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return no(`chunk ${type} has a wrong CRC`);
    if (offset === 8) {
      if (type !== "IHDR" || length !== 13) return no("IHDR is not the first chunk");
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8] ?? 0;
      colourType = data[9] ?? -1;
      if (!DEPTHS[colourType]?.includes(depth)) return no(`colour type ${colourType}, depth ${depth}`);
      if (data[10] !== 0 || data[11] !== 0) return no("unknown compression or filter method");
      if (data[12] !== 0) return no("interlaced");
    } else if (type === "PLTE") palette = data;
    else if (type === "tRNS") alphas = data;
    else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (width === 0 || height === 0) return no("no pixels");
  if (width * height > limits.maxPixels) return no(`${width}×${height} pixels, above the bound`);
  const bpp = Math.max(1, (CHANNELS[colourType] ?? 1) * (depth >> 3)); // bytes a pixel, for the filters
  const rowBytes = Math.ceil((width * (CHANNELS[colourType] ?? 1) * depth) / 8);
  const rawBytes = (rowBytes + 1) * height;
  if (rawBytes > limits.maxRawBytes) return no(`${rawBytes} bytes of image data, above the bound`);
  if (colourType === 3 && !palette) return no("no palette");
  if (alphas && colourType !== 3) return no("colour-key transparency");
  if (idat.length === 0) return no("no image data");

  let raw: Buffer;
  try {
    raw = await inflateAsync(idat.length === 1 ? (idat[0] as Buffer) : Buffer.concat(idat), {
      maxOutputLength: rawBytes,
      // One output buffer of the image's size (up to 8 MiB) instead of 16 KiB pieces joined at the end:
      // a fifth of the inflate's CPU on a 550×700 screenshot (0.6 ms, not 5 ms).
      chunkSize: Math.max(64, Math.min(rawBytes, 8 * 1024 * 1024)),
    });
  } catch (error) {
    return no(`image data: ${(error as Error).message}`);
  }
  if (raw.length !== rawBytes) return no(`${raw.length} bytes of image data, ${rawBytes} expected`);
  if (!unfilter(raw, rowBytes, height, bpp)) return no("unknown row filter");

  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "latin1");
  const pgm = Buffer.allocUnsafe(header.length + width * height);
  header.copy(pgm);
  const grey = pgm.subarray(header.length);
  const sum =
    colourType === 3 || (colourType === 0 && depth < 8)
      ? indexedToGrey(
          raw,
          grey,
          width,
          height,
          rowBytes,
          depth,
          greyTable(colourType, depth, palette, alphas),
        )
      : samplesToGrey(raw, grey, width, height, rowBytes, colourType, depth === 16 ? 2 : 1);
  return { ok: true, width, height, pgm, grey, mean: sum / (width * height) };
}

/** Turns the image black for white, in place. */
export function invertGrey(grey: Uint8Array): void {
  for (let i = 0; i < grey.length; i++) grey[i] = 255 - (grey[i] as number);
}

/**
 * Undoes the PNG row filters in place; each row is its filter byte then `rowBytes` bytes. False on an
 * unknown filter. Uint8Array stores wrap modulo 256, as the filters want. One small function a filter,
 * called row by row: V8 optimises those after a few rows, where one large function's loops stayed slow
 * for a whole first image (10 times the warm time).
 */
function unfilter(raw: Uint8Array, rowBytes: number, height: number, bpp: number): boolean {
  const stride = rowBytes + 1;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * stride];
    const s = y * stride + 1; // this row; the row above (already unfiltered) is at s - stride
    const end = s + rowBytes;
    if (filter === 0) continue;
    if (filter === 1 || (filter === 4 && y === 0)) sub(raw, s, end, bpp);
    else if (filter === 2) {
      if (y > 0) up(raw, s, end, stride);
    } else if (filter === 3) average(raw, s, end, bpp, y === 0 ? 0 : stride);
    else if (filter === 4) paeth(raw, s, end, bpp, stride);
    else return false;
  }
  return true;
}

function sub(raw: Uint8Array, s: number, end: number, bpp: number): void {
  for (let i = s + bpp; i < end; i++) raw[i] = (raw[i] as number) + (raw[i - bpp] as number);
}

function up(raw: Uint8Array, s: number, end: number, stride: number): void {
  for (let i = s; i < end; i++) raw[i] = (raw[i] as number) + (raw[i - stride] as number);
}

/** `stride` 0 on the first row: no row above. */
function average(raw: Uint8Array, s: number, end: number, bpp: number, stride: number): void {
  const first = Math.min(s + bpp, end);
  if (stride > 0)
    for (let i = s; i < first; i++) raw[i] = (raw[i] as number) + ((raw[i - stride] as number) >> 1);
  for (let i = first; i < end; i++) {
    const above = stride > 0 ? (raw[i - stride] as number) : 0;
    raw[i] = (raw[i] as number) + (((raw[i - bpp] as number) + above) >> 1);
  }
}

/** Not on the first row (there Paeth is Sub). */
function paeth(raw: Uint8Array, s: number, end: number, bpp: number, stride: number): void {
  const first = Math.min(s + bpp, end);
  for (let i = s; i < first; i++) raw[i] = (raw[i] as number) + (raw[i - stride] as number);
  for (let i = first; i < end; i++) {
    const a = raw[i - bpp] as number;
    const b = raw[i - stride] as number;
    const c = raw[i - stride - bpp] as number;
    const pa = b > c ? b - c : c - b; // |p - a| with p = a + b - c
    const pb = a > c ? a - c : c - a;
    const pc = a + b > c + c ? a + b - c - c : c + c - a - b;
    raw[i] = (raw[i] as number) + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
  }
}

/** Luminance weights as Leptonica has them (0.3, 0.5, 0.2), in 1024ths. */
const R = 307;
const G = 512;
const B = 205;

/** Grey, RGB, grey+alpha and RGBA samples of 8 or 16 bits (`step` bytes a sample: the high byte is read). */
function samplesToGrey(
  raw: Uint8Array,
  grey: Uint8Array,
  width: number,
  height: number,
  rowBytes: number,
  colourType: number,
  step: number,
): number {
  const px = (CHANNELS[colourType] ?? 1) * step;
  const grey1 = colourType === 0 || colourType === 4;
  // Weights and offsets of the samples: grey is its one sample weighted 1024/1024.
  const w = grey1 ? ([1024, 0, 0, 0, 0] as const) : ([R, G, B, step, 2 * step] as const);
  const alpha = colourType === 4 ? step : colourType === 6 ? 3 * step : -1;
  let sum = 0;
  for (let y = 0; y < height; y++) {
    const start = y * (rowBytes + 1) + 1;
    sum +=
      alpha < 0
        ? opaqueRow(raw, start, width, px, w[0], w[1], w[2], w[3], w[4], grey, y * width)
        : alphaRow(raw, start, width, px, w[0], w[1], w[2], w[3], w[4], alpha, grey, y * width);
  }
  return sum;
}

/** One row of opaque pixels to grey; returns the row's sum. Small, so V8 optimises it after a few rows. */
function opaqueRow(
  raw: Uint8Array,
  start: number,
  width: number,
  px: number,
  r: number,
  g: number,
  b: number,
  gAt: number,
  bAt: number,
  grey: Uint8Array,
  o: number,
): number {
  let sum = 0;
  for (let x = 0, i = start; x < width; x++, i += px) {
    const v =
      (r * (raw[i] as number) + g * (raw[i + gAt] as number) + b * (raw[i + bAt] as number) + 512) >> 10;
    grey[o + x] = v;
    sum += v;
  }
  return sum;
}

/** One row of pixels with alpha, laid over white. */
function alphaRow(
  raw: Uint8Array,
  start: number,
  width: number,
  px: number,
  r: number,
  g: number,
  b: number,
  gAt: number,
  bAt: number,
  aAt: number,
  grey: Uint8Array,
  o: number,
): number {
  let sum = 0;
  for (let x = 0, i = start; x < width; x++, i += px) {
    const v0 =
      (r * (raw[i] as number) + g * (raw[i + gAt] as number) + b * (raw[i + bAt] as number) + 512) >> 10;
    const a = raw[i + aAt] as number;
    const v = a === 255 ? v0 : ((v0 * a + 255 * (255 - a) + 127) / 255) | 0;
    grey[o + x] = v;
    sum += v;
  }
  return sum;
}

/** Grey of every possible sample value: palette entries (with their tRNS alpha over white), or grey levels. */
function greyTable(colourType: number, depth: number, palette?: Buffer, alphas?: Buffer): Uint8Array {
  const table = new Uint8Array(256);
  if (colourType === 0) {
    const max = (1 << depth) - 1;
    for (let v = 0; v <= max; v++) table[v] = Math.round((v * 255) / max);
    return table;
  }
  const entries = Math.min(256, Math.floor((palette?.length ?? 0) / 3));
  for (let k = 0; k < entries; k++) {
    const p = palette as Buffer;
    const v0 =
      (R * (p[3 * k] as number) + G * (p[3 * k + 1] as number) + B * (p[3 * k + 2] as number) + 512) >> 10;
    const alpha = alphas && k < alphas.length ? (alphas[k] as number) : 255;
    table[k] = alpha === 255 ? v0 : ((v0 * alpha + 255 * (255 - alpha) + 127) / 255) | 0;
  }
  return table;
}

/** Palette indices or grey levels of 1, 2, 4 or 8 bits, through `table`. */
function indexedToGrey(
  raw: Uint8Array,
  grey: Uint8Array,
  width: number,
  height: number,
  rowBytes: number,
  depth: number,
  table: Uint8Array,
): number {
  let sum = 0;
  let o = 0;
  const mask = (1 << depth) - 1;
  const perByte = 8 / depth;
  for (let y = 0; y < height; y++) {
    const s = y * (rowBytes + 1) + 1;
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      const byte = raw[s + ((x / perByte) | 0)] as number;
      const shift = 8 - depth - (x % perByte) * depth;
      const v = table[(byte >> shift) & mask] as number;
      grey[o++] = v;
      rowSum += v;
    }
    sum += rowSum;
  }
  return sum;
}
