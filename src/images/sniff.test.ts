import { describe, expect, it } from "vitest";
import { inspectImage } from "./sniff.js";
import { GIF_1X1, makeJpeg, makePng, makeWebp } from "./test-images.js";

const png = makePng(320, 60);

describe("inspectImage", () => {
  it.each([
    ["PNG", png, { ok: true, format: "png", width: 320, height: 60 }],
    ["JPEG", makeJpeg(640, 480), { ok: true, format: "jpeg", width: 640, height: 480 }],
    [
      "JPEG padded after EOI",
      Buffer.concat([makeJpeg(10, 20), Buffer.alloc(16)]),
      { ok: true, format: "jpeg", width: 10, height: 20 },
    ],
    ["GIF", GIF_1X1, { ok: true, format: "gif", width: 1, height: 1 }],
    ["WebP", makeWebp(800, 200), { ok: true, format: "webp", width: 800, height: 200 }],
  ])("reads a whole %s and its size", (_name, bytes, expected) => {
    expect(inspectImage(bytes)).toEqual(expected);
  });

  it.each([
    ["a text file", Buffer.from("docker ps\nCONTAINER ID   IMAGE\n"), "not-an-image"],
    ["an empty file", Buffer.alloc(0), "not-an-image"],
    ["an HTML page saved as .png", Buffer.from("<!doctype html><html>…"), "not-an-image"],
    ["a PNG cut in the middle", png.subarray(0, Math.floor(png.length / 2)), "truncated"],
    ["a PNG without IEND", png.subarray(0, png.length - 12), "truncated"],
    ["a PNG with a flipped byte", flip(png, 100), "corrupt"],
    ["a PNG signature alone", png.subarray(0, 8), "truncated"],
    ["a JPEG without EOI", makeJpeg(10, 10).subarray(0, -2), "truncated"],
    ["a JPEG cut inside a segment", makeJpeg(10, 10).subarray(0, 12), "truncated"],
    ["a GIF without trailer", GIF_1X1.subarray(0, -1), "truncated"],
    ["a WebP shorter than its RIFF size", makeWebp(10, 10).subarray(0, -2), "truncated"],
  ])("rejects %s", (_name, bytes, problem) => {
    expect(inspectImage(bytes)).toMatchObject({ ok: false, problem });
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
