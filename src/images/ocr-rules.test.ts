import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { CheckedImage } from "./check-images.js";
import { makeJpeg } from "./test-images.js";

// Real tesseract, behind a wrapper on PATH that logs each process's input (a file, `stdin` or `list`).
const dir = mkdtempSync(path.join(tmpdir(), "dockgrade-ocr-rules-"));
const log = path.join(dir, "calls.log");
const real = execFileSync("sh", ["-c", "command -v tesseract"], { encoding: "utf8" }).trim();
writeFileSync(
  path.join(dir, "tesseract"),
  `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nexec '${real}' "$@"\n`,
);
chmodSync(path.join(dir, "tesseract"), 0o755);
process.env.PATH = `${dir}:${process.env.PATH}`;
const { ocrImages } = await import("./ocr-rules.js");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The inputs of the tesseract processes run since the last test (not the `--version` asking whether it runs). */
const calls = () =>
  readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line !== "" && line !== "--version");
beforeEach(() => writeFileSync(log, ""));

const media = path.resolve("submissions-example/complete/media");
let position = 0;
function image(url: string, caption: string, abs: string | undefined): CheckedImage {
  position++;
  return {
    ref: { url, alt: "", caption, line: position * 10 },
    position,
    valid: !!abs,
    abs,
    findings: [],
    details: {},
  };
}
// A JPEG our sniffing accepts that tesseract cannot decode.
writeFileSync(path.join(dir, "broken.jpg"), makeJpeg(640, 480));
const version = image("media/version.png", "docker version", path.join(media, "etape1-docker-version.png"));
const info = image("media/info.png", "docker info", path.join(media, "etape1-docker-info.png"));
const broken = image("media/ps.jpg", "docker ps", path.join(dir, "broken.jpg"));
const volumes = image(
  "media/volumes.png",
  "docker volume ls",
  path.join(media, "etape1-docker-volume-ls.png"),
);
const notAnImage = image("media/images.png", "docker image ls", undefined);
const unused = image("media/curl.png", "curl", path.join(media, "etape3-curl-quote.png"));
const checked = [version, info, broken, volumes, notAnImage, unused];

/** Rules that share images, one image that cannot be read, one not valid, one rule optional and unmatched. */
const RULES = [
  { image: "docker\\s+version", expect: ["Client:", "Server:", "API version"] },
  { image: "docker\\s+(version|info)", expect: ["Server:", "Storage Driver", "Kubernetes"] },
  { image: "docker\\s+ps", expect: ["CONTAINER ID"] },
  { image: 4, expect: ["VOLUME NAME"] },
  { image: "docker\\s+(ps|volume)", expect: ["DRIVER", "VOLUME NAME"] },
  { image: "compose", expect: ["web"], optional: true },
  { image: "docker\\s+image", expect: ["REPOSITORY"] },
];

const found = (text: string, images: string) => ({
  messageId: "ocrFound",
  severity: "ok",
  data: { text, images },
});
const VERSION_INFO = "media/version.png, media/info.png";
/** What reading each image with a tesseract of its own gave (the code before the batch), checked by hand. */
const EXPECTED = {
  credit: 8 / 10,
  findings: [
    found("Client:", "media/version.png"),
    found("Server:", "media/version.png"),
    found("API version", "media/version.png"),
    found("Server:", VERSION_INFO),
    found("Storage Driver", VERSION_INFO),
    {
      messageId: "ocrMissing",
      severity: "problem",
      data: { text: "Kubernetes", images: VERSION_INFO },
      line: 10,
    },
    {
      messageId: "ocrFailed",
      severity: "info",
      data: { image: "media/ps.jpg", reason: expect.stringContaining("Command failed: tesseract") },
      line: 30,
    },
    found("VOLUME NAME", "media/volumes.png"),
    found("DRIVER", "media/ps.jpg, media/volumes.png"),
    found("VOLUME NAME", "media/ps.jpg, media/volumes.png"),
    { messageId: "ocrNotShown", severity: "info", data: { selector: "compose", texts: "web" } },
    {
      messageId: "ocrNoImage",
      severity: "problem",
      data: { selector: "docker\\s+image", texts: "REPOSITORY" },
    },
  ],
  details: [
    { selector: "docker\\s+version", found: ["Client:", "Server:", "API version"], missing: [] },
    { selector: "docker\\s+(version|info)", found: ["Server:", "Storage Driver"], missing: ["Kubernetes"] },
    { selector: "docker\\s+ps", skipped: "no image could be read" },
    { selector: "4", found: ["VOLUME NAME"], missing: [] },
    { selector: "docker\\s+(ps|volume)", found: ["DRIVER", "VOLUME NAME"], missing: [] },
    { selector: "compose", skipped: "no such image" },
    { selector: "docker\\s+image", found: [], missing: ["REPOSITORY"] },
  ],
};

describe("ocrImages", () => {
  it("gives the same findings, credit and details, reading the images the rules name with one tesseract", async () => {
    const result = await ocrImages(checked, RULES, { timeoutMs: 60_000 });
    expect(result).toEqual(EXPECTED);
    // One process for the four images; it fails on the broken one, so each is read again on its own.
    expect(calls()[0]).toBe("list");
    expect(calls().slice(1).sort()).toEqual([broken.abs, "stdin", "stdin", "stdin"]);
  }, 120_000);

  it("reads the images of all its rules with one tesseract process when they can all be read", async () => {
    const readable = RULES.filter(
      (rule) => !["docker\\s+ps", "docker\\s+(ps|volume)"].includes(String(rule.image)),
    );
    const result = await ocrImages(checked, readable, { timeoutMs: 60_000 });
    const kept = (f: { data?: { images?: string } }) => !f.data?.images?.includes("ps.jpg");
    expect(result).toEqual({
      credit: 6 / 8,
      findings: EXPECTED.findings.filter((f) => f.messageId !== "ocrFailed" && kept(f)),
      details: EXPECTED.details.filter((d) => !String(d.selector).includes("ps")),
    });
    expect(calls()).toEqual(["list"]);
  }, 120_000);

  it("reads an image alone with a process of its own, and nothing when no rule names a valid image", async () => {
    const version = await ocrImages(checked, RULES.slice(0, 1), { timeoutMs: 60_000 });
    expect(version).toEqual({
      credit: 1,
      findings: EXPECTED.findings.slice(0, 3),
      details: EXPECTED.details.slice(0, 1),
    });
    expect(calls()).toEqual(["stdin"]);
    writeFileSync(log, "");
    const none = await ocrImages(checked, RULES.slice(5), { timeoutMs: 60_000 });
    expect(none).toEqual({
      credit: 0,
      findings: EXPECTED.findings.slice(-2),
      details: EXPECTED.details.slice(-2),
    });
    expect(calls()).toEqual([]);
  }, 120_000);
});
