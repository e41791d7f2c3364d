import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DARK_MEAN, darkPngInverted, ocrContains, ocrImage, ocrImagesTogether, splitPages } from "./ocr.js";
import { invertGrey, pngToGrey } from "./png-grey.js";
import { encodePng, makeJpeg } from "./test-images.js";

// Real tesseract on the example submissions' screenshots (all terminals: light text on dark).
const SCREENSHOTS = readdirSync("submissions-example", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const media = path.join("submissions-example", d.name, "media");
    try {
      return readdirSync(media)
        .filter((f) => f.endsWith(".png"))
        .map((f) => path.join(media, f));
    } catch {
      return [];
    }
  });

/** Every text the course rubric's OCR rules expect (rubrics/docker-basics/01-engine.yaml). */
const EXPECTED_TEXTS = (() => {
  const step = parse(readFileSync("rubrics/docker-basics/01-engine.yaml", "utf8"));
  const check = step.checks.find((c: { id: string }) => c.id === "engine-screenshots");
  return [...new Set<string>(check.params.ocr.flatMap((rule: { expect: string[] }) => rule.expect))];
})();

const tesseract = promisify(execFile);
const OPTIONS = { timeoutMs: 60_000 };
let dir: string;

/** A grey PNG of the example `file`'s pixels, inverted when `light` (dark text on white). */
async function greyPng(file: string, light: boolean) {
  const image = await pngToGrey(readFileSync(file));
  if (!image.ok) throw new Error(image.reason);
  if (light) invertGrey(image.grey);
  return image;
}

function encodeGrey(width: number, height: number, grey: Uint8Array): Buffer {
  const rows = Array.from({ length: height }, (_, y) => grey.subarray(y * width, (y + 1) * width));
  return encodePng({ width, height, colourType: 0, depth: 8, rows, filters: rows.map((_, y) => y % 5) });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dockgrade-ocr-path-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("darkPngInverted", () => {
  it("inverts every example screenshot (all dark) into a light greyscale PGM", async () => {
    expect(SCREENSHOTS.length).toBeGreaterThanOrEqual(8);
    for (const file of SCREENSHOTS) {
      const pgm = await darkPngInverted(file);
      expect(pgm?.toString("latin1", 0, 3), file).toBe("P5\n");
      const pixels = pgm as Buffer; // its 15-byte header weighs nothing in the mean
      expect(pixels.reduce((s, v) => s + v, 0) / pixels.length, file).toBeGreaterThan(DARK_MEAN);
    }
  });

  it("leaves a light PNG, another format, a hostile PNG and a missing file to tesseract's own reading", async () => {
    const light = await greyPng(SCREENSHOTS[0] as string, true);
    const files = {
      light: encodeGrey(light.width, light.height, light.grey),
      jpeg: makeJpeg(640, 480),
      huge: encodePng({ width: 1, height: 1, colourType: 0, depth: 8, rows: [] }),
    };
    // A declared 100000×100000 image: same bytes as a 1×1, its IHDR rewritten (CRC included).
    files.huge.writeUInt32BE(100_000, 16);
    files.huge.writeUInt32BE(100_000, 20);
    files.huge.writeUInt32BE(crc32(files.huge.subarray(12, 29)), 29);
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(path.join(dir, `${name}.png`), bytes);
      expect(await darkPngInverted(path.join(dir, `${name}.png`)), name).toBeUndefined();
    }
    expect(await darkPngInverted(path.join(dir, "absent.png"))).toBeUndefined();
  });
});

describe("ocrImage", () => {
  it("finds in every example screenshot exactly the rubric's texts tesseract finds in the file as it is", async () => {
    const found = (text: string) => EXPECTED_TEXTS.filter((t) => ocrContains(text, t));
    for (const file of SCREENSHOTS) {
      const before = await tesseract("tesseract", [file, "stdout", "-l", "eng", "--psm", "6"], {
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      });
      const now = await ocrImage(file, OPTIONS);
      if (!now.ok) throw new Error(now.reason);
      expect(found(now.text), file).toEqual(found(before.stdout));
    }
  }, 300_000);

  it("reads a light screenshot (dark text on white) and the light part of a mostly dark one", async () => {
    const version = SCREENSHOTS.find((f) => f.endsWith("etape1-docker-version.png")) as string;
    const volumes = SCREENSHOTS.find((f) => f.endsWith("etape1-docker-volume-ls.png")) as string;
    const light = await greyPng(version, true);
    writeFileSync(path.join(dir, "light.png"), encodeGrey(light.width, light.height, light.grey));
    const lightText = await ocrImage(path.join(dir, "light.png"), OPTIONS);
    expect(
      lightText.ok && ["Client:", "Server:", "API version"].every((t) => ocrContains(lightText.text, t)),
    ).toBe(true);

    // The dark terminal above, a light window below (white margin on its right): dark on the whole.
    const dark = await greyPng(version, false);
    const below = await greyPng(volumes, true);
    const width = Math.max(dark.width, below.width);
    const mixed = new Uint8Array(width * (dark.height + below.height)).fill(255);
    for (let y = 0; y < dark.height; y++)
      mixed.set(dark.grey.subarray(y * dark.width, (y + 1) * dark.width), y * width);
    for (let y = 0; y < below.height; y++)
      mixed.set(below.grey.subarray(y * below.width, (y + 1) * below.width), (dark.height + y) * width);
    writeFileSync(path.join(dir, "mixed.png"), encodeGrey(width, dark.height + below.height, mixed));
    expect(await darkPngInverted(path.join(dir, "mixed.png"))).toBeDefined();
    const mixedText = await ocrImage(path.join(dir, "mixed.png"), OPTIONS);
    expect(
      mixedText.ok && ["Client:", "API version", "VOLUME NAME"].filter((t) => ocrContains(mixedText.text, t)),
    ).toEqual(["Client:", "API version", "VOLUME NAME"]);
  }, 120_000);

  it("answers ok: false, with the reason, when tesseract is stopped by the timeout or the signal", async () => {
    const file = SCREENSHOTS.find((f) => f.endsWith("etape1-docker-info.png")) as string;
    expect(await ocrImage(file, { timeoutMs: 1 })).toEqual({
      ok: false,
      reason: "tesseract gave no answer within 0 s",
    });
    expect(await ocrImage(file, { timeoutMs: 60_000, signal: AbortSignal.abort() })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/abort/i),
    });
    const controller = new AbortController();
    const pending = ocrImage(file, { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ ok: false, reason: expect.stringMatching(/abort/i) });
  }, 60_000);
});

describe("ocrImagesTogether", () => {
  it("reads every example screenshot, in one tesseract process, exactly as a process of its own does", async () => {
    const alone = await Promise.all(SCREENSHOTS.map((file) => ocrImage(file, OPTIONS)));
    expect(alone.every((r) => r.ok && r.text.trim() !== "")).toBe(true);
    expect(await ocrImagesTogether(SCREENSHOTS, OPTIONS)).toEqual(alone);
  }, 300_000);

  it("reads the others again, each alone, when one image (a JPEG tesseract cannot decode) fails the batch", async () => {
    writeFileSync(path.join(dir, "broken.jpg"), makeJpeg(640, 480));
    const [first, second] = SCREENSHOTS as [string, string];
    const files = [first, path.join(dir, "broken.jpg"), second];
    const results = await ocrImagesTogether(files, OPTIONS);
    expect(results).toEqual([
      await ocrImage(first, OPTIONS),
      { ok: false, reason: `Command failed: tesseract ${files[1]} stdout -l eng --psm 6` },
      await ocrImage(second, OPTIONS),
    ]);
    expect(results[0]?.ok && results[2]?.ok).toBe(true);
  }, 120_000);

  it("reads a list of none or one image as ocrImage; stopped by the signal, every image fails with the abort", async () => {
    expect(await ocrImagesTogether([], OPTIONS)).toEqual([]);
    const file = SCREENSHOTS[0] as string;
    expect(await ocrImagesTogether([file], OPTIONS)).toEqual([await ocrImage(file, OPTIONS)]);
    const aborted = await ocrImagesTogether(SCREENSHOTS.slice(0, 3), {
      ...OPTIONS,
      signal: AbortSignal.abort(),
    });
    expect(aborted).toHaveLength(3);
    for (const result of aborted)
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/abort/i) });
  }, 120_000);
});

describe("splitPages", () => {
  it("cuts tesseract's output at the form feed before every page but the first, and only into `count` pages", () => {
    expect(splitPages("Client:\n\fServer:\n\f\fVOLUME NAME\n", 4)).toEqual([
      "Client:\n",
      "Server:\n",
      "",
      "VOLUME NAME\n",
    ]);
    expect(splitPages("", 1)).toEqual([""]);
    expect(splitPages("a\f", 2)).toEqual(["a", ""]);
    // Another number of pages than of images: no text is given to the wrong image.
    expect(splitPages("a\fb\fc", 2)).toBeUndefined();
    expect(splitPages("a\fb", 3)).toBeUndefined();
    expect(splitPages("", 2)).toBeUndefined();
  });
});
