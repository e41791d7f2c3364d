import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { invertGrey, PNG_LIMITS, pngToGrey } from "./png-grey.js";
import { encodePng, makeJpeg, makePng, PNG_SIGNATURE, pngChunk } from "./test-images.js";

/** The decoded grey pixels as rows of numbers, for readable comparisons. */
async function greyRows(png: Buffer): Promise<number[][]> {
  const image = await pngToGrey(png);
  if (!image.ok) throw new Error(image.reason);
  return Array.from({ length: image.height }, (_, y) => [
    ...image.grey.subarray(y * image.width, (y + 1) * image.width),
  ]);
}

/** Grey pixels (r = g = b) of varied values, so every filter has something to predict. */
const GREYS = [
  [0, 10, 200, 255],
  [30, 30, 31, 250],
  [255, 0, 128, 64],
  [7, 99, 100, 101],
  [240, 16, 16, 8],
];

describe("pngToGrey", () => {
  it("undoes every row filter (none, sub, up, average, Paeth) of an 8-bit RGB image", async () => {
    const rows = GREYS.map((row) => Uint8Array.from(row.flatMap((v) => [v, v, v])));
    const png = encodePng({ width: 4, height: 5, colourType: 2, depth: 8, rows, filters: [0, 1, 2, 3, 4] });
    expect(await greyRows(png)).toEqual(GREYS);
    // The first row filtered by up, average and Paeth: the row above counts as zeros.
    for (const filter of [2, 3, 4]) {
      const first = encodePng({
        width: 4,
        height: 1,
        colourType: 2,
        depth: 8,
        rows: rows.slice(0, 1),
        filters: [filter],
      });
      expect(await greyRows(first)).toEqual(GREYS.slice(0, 1));
    }
  });

  it("weighs red, green and blue as tesseract's Leptonica does (0.3, 0.5, 0.2)", async () => {
    const rows = [Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 200, 50])];
    const png = encodePng({ width: 4, height: 1, colourType: 2, depth: 8, rows });
    expect(await greyRows(png)).toEqual([[76, 128, 51, 140]]);
  });

  it("reads 8-bit and 16-bit grey (the high byte), and 1-, 2- and 4-bit grey scaled to 0–255", async () => {
    const grey8 = encodePng({
      width: 3,
      height: 1,
      colourType: 0,
      depth: 8,
      rows: [Uint8Array.from([0, 77, 255])],
    });
    expect(await greyRows(grey8)).toEqual([[0, 77, 255]]);
    const grey16 = encodePng({
      width: 2,
      height: 2,
      colourType: 0,
      depth: 16,
      rows: [Uint8Array.from([0x12, 0xff, 0xab, 0x00]), Uint8Array.from([0xff, 0xff, 0x00, 0x01])],
      filters: [1, 4],
    });
    expect(await greyRows(grey16)).toEqual([
      [0x12, 0xab],
      [0xff, 0x00],
    ]);
    // 1 bit: 10110000 01 → 9 pixels over two bytes.
    const grey1 = encodePng({
      width: 9,
      height: 1,
      colourType: 0,
      depth: 1,
      rows: [Uint8Array.from([0b10110000, 0b10000000])],
    });
    expect(await greyRows(grey1)).toEqual([[255, 0, 255, 255, 0, 0, 0, 0, 255]]);
    const grey2 = encodePng({
      width: 4,
      height: 1,
      colourType: 0,
      depth: 2,
      rows: [Uint8Array.from([0b00011011])],
    });
    expect(await greyRows(grey2)).toEqual([[0, 85, 170, 255]]);
    const grey4 = encodePng({
      width: 3,
      height: 1,
      colourType: 0,
      depth: 4,
      rows: [Uint8Array.from([0x0f, 0x50])],
    });
    expect(await greyRows(grey4)).toEqual([[0, 255, 85]]);
  });

  it("lays transparent pixels over white (RGBA, grey+alpha, palette with tRNS)", async () => {
    const rgba = encodePng({
      width: 3,
      height: 2,
      colourType: 6,
      depth: 8,
      rows: [
        Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128]),
        Uint8Array.from([9, 9, 9, 255, 9, 9, 9, 255, 9, 9, 9, 0]),
      ],
      filters: [3, 4],
    });
    expect(await greyRows(rgba)).toEqual([
      [0, 255, 127],
      [9, 9, 255],
    ]);
    const greyAlpha16 = encodePng({
      width: 2,
      height: 1,
      colourType: 4,
      depth: 16,
      rows: [Uint8Array.from([40, 1, 255, 255, 40, 1, 0, 0])],
      filters: [1],
    });
    expect(await greyRows(greyAlpha16)).toEqual([[40, 255]]);
    const palette = encodePng({
      width: 4,
      height: 1,
      colourType: 3,
      depth: 2,
      palette: [0, 0, 0, 255, 255, 255, 255, 0, 0, 20, 20, 20],
      trns: [255, 255, 255, 0],
      rows: [Uint8Array.from([0b00011011])],
    });
    expect(await greyRows(palette)).toEqual([[0, 255, 76, 255]]);
    const palette8 = encodePng({
      width: 3,
      height: 2,
      colourType: 3,
      depth: 8,
      palette: [10, 10, 10, 250, 250, 250],
      rows: [Uint8Array.from([0, 1, 0]), Uint8Array.from([1, 1, 0])],
      filters: [0, 2],
      idatChunks: 3,
    });
    expect(await greyRows(palette8)).toEqual([
      [10, 250, 10],
      [250, 250, 10],
    ]);
  });

  it("gives the mean grey and a PGM (P5) file of the pixels; invertGrey turns it black for white", async () => {
    const rows = [Uint8Array.from([0, 0, 0, 0, 0, 0]), Uint8Array.from([0, 0, 0, 200, 200, 200])];
    const image = await pngToGrey(encodePng({ width: 2, height: 2, colourType: 2, depth: 8, rows }));
    if (!image.ok) throw new Error(image.reason);
    expect(image.mean).toBe(50);
    expect(image.pgm.toString("latin1", 0, 11)).toBe("P5\n2 2\n255\n");
    invertGrey(image.grey);
    expect([...image.pgm.subarray(11)]).toEqual([255, 255, 255, 55]);
  });
});

describe("pngToGrey on hostile or unusual files: ok false with the reason, never a throw", () => {
  const ok = encodePng({
    width: 4,
    height: 5,
    colourType: 2,
    depth: 8,
    rows: GREYS.map((r) => Uint8Array.from(r.flatMap((v) => [v, v, v]))),
    filters: [0, 1, 2, 3, 4],
  });
  const ihdr = (width: number, height: number, depth = 8, colourType = 2, interlace = 0) => {
    const data = Buffer.alloc(13);
    data.writeUInt32BE(width, 0);
    data.writeUInt32BE(height, 4);
    data.set([depth, colourType, 0, 0, interlace], 8);
    return pngChunk("IHDR", data);
  };
  const png = (...chunks: Buffer[]) =>
    Buffer.concat([PNG_SIGNATURE, ...chunks, pngChunk("IEND", Buffer.alloc(0))]);
  const idat = (raw: Buffer) => pngChunk("IDAT", deflateSync(raw));
  // 100×100 RGB declared (30,100 bytes once inflated), 20 MB of zeros once inflated: 20 kB on disk.
  const bomb = png(ihdr(100, 100), idat(Buffer.alloc(20 * 1024 * 1024)));
  const flipped = Buffer.from(ok);
  flipped[ok.length - 20] = (flipped[ok.length - 20] ?? 0) ^ 0xff; // inside IDAT: its CRC no longer matches

  it.each([
    ["declared 100000×100000", png(ihdr(100_000, 100_000), idat(Buffer.alloc(10))), /above the bound/],
    [
      "declared 5000×4000 RGBA (20 Mpx)",
      png(ihdr(5000, 4000, 8, 6), idat(Buffer.alloc(10))),
      /above the bound/,
    ],
    ["a zip bomb in IDAT", bomb, /image data/],
    [
      "image data cut short (truncated deflate stream)",
      png(ihdr(4, 5), pngChunk("IDAT", deflateSync(Buffer.alloc(85)).subarray(0, 6))),
      /image data/,
    ],
    [
      "less image data than the header announces",
      png(ihdr(4, 5), idat(Buffer.alloc(40))),
      /40 bytes of image data, 65 expected/,
    ],
    ["the file cut inside IDAT", ok.subarray(0, ok.length - 30), /runs past the end|truncated/],
    ["no IEND", ok.subarray(0, ok.length - 12), /truncated/],
    ["a wrong CRC", flipped, /wrong CRC/],
    ["an unknown row filter", png(ihdr(1, 1, 8, 0), idat(Buffer.from([7, 0]))), /filter/],
    ["interlaced (Adam7)", png(ihdr(4, 5, 8, 2, 1), idat(Buffer.alloc(100))), /interlaced/],
    ["an impossible depth", png(ihdr(4, 5, 4, 2), idat(Buffer.alloc(100))), /colour type 2, depth 4/],
    [
      "colour-key transparency",
      png(ihdr(1, 1), pngChunk("tRNS", Buffer.alloc(6)), idat(Buffer.alloc(4))),
      /colour-key/,
    ],
    ["a palette image without palette", png(ihdr(1, 1, 8, 3), idat(Buffer.alloc(2))), /no palette/],
    ["no image data", png(ihdr(1, 1)), /no image data/],
    ["no IHDR first", png(idat(Buffer.alloc(4))), /IHDR/],
    ["zero pixels", png(ihdr(0, 5), idat(Buffer.alloc(0))), /no pixels/],
    ["a JPEG", makeJpeg(10, 10), /not a PNG/],
    ["an empty file", Buffer.alloc(0), /not a PNG/],
  ])("%s", async (_name, bytes, reason) => {
    const result = await pngToGrey(bytes);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(reason);
  });

  it("decodes the same file when it is within the bounds, and refuses it past them", async () => {
    const image = makePng(320, 60);
    expect((await pngToGrey(image)).ok).toBe(true);
    expect(await pngToGrey(image, { ...PNG_LIMITS, maxPixels: 320 * 60 - 1 })).toMatchObject({ ok: false });
    expect(await pngToGrey(image, { ...PNG_LIMITS, maxRawBytes: 321 * 60 - 1 })).toMatchObject({ ok: false });
    expect(await pngToGrey(image, { ...PNG_LIMITS, maxRawBytes: 321 * 60 })).toMatchObject({ ok: true });
  });
});
