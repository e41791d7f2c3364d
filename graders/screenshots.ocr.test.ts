import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderTerminalPng } from "../scripts/render-terminal-png.js";
import { paramsFor, reportContext } from "../src/markdown/testkit.js";
import screenshots from "./screenshots.js";

// Real OCR on a real screenshot: the terminal output is rendered by Chromium, then read by tesseract.
const DOCKER_VERSION = `$ docker version
Client:
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 OS/Arch:           linux/amd64

Server:
 Engine:
  Version:          20.10.24+dfsg1
  API version:      1.41 (minimum version 1.12)`;

let dir: string;
const params = paramsFor(screenshots, {
  section: "etape\\s*1",
  ocr: [
    { image: "docker\\s+version", expect: ["Client:", "Server:", "API version"] },
    { image: 1, expect: ["Storage Driver"] },
  ],
}) as never;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "dockgrade-ocr-"));
  mkdirSync(path.join(dir, "media"));
  await renderTerminalPng(DOCKER_VERSION, path.join(dir, "media", "version.png"), {
    title: "docker version",
  });
  writeFileSync(
    path.join(dir, "README.md"),
    "## Etape 1\n\n### docker version\n\n![sortie](media/version.png)\n",
  );
}, 120_000);

describe("screenshots with OCR", () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it("reads the expected texts in the screenshot with tesseract", async () => {
    const result = await screenshots.run(reportContext(dir, "README.md"), params);
    const ocr = result.findings.filter((f) => f.messageId.startsWith("ocr"));
    expect(ocr.map((f) => [f.messageId, f.data?.text])).toEqual([
      ["ocrFound", "Client:"],
      ["ocrFound", "Server:"],
      ["ocrFound", "API version"],
      ["ocrMissing", "Storage Driver"],
    ]);
    // Files 1/1 weigh 0.7, texts 3/4 weigh 0.3.
    expect(result).toMatchObject({ status: "partial", credit: 0.925 });
  });

  it("leaves OCR out, and says so, when tesseract is not installed", async () => {
    process.env.PATH = "/nonexistent";
    const result = await screenshots.run(reportContext(dir, "README.md"), params);
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.map((f) => [f.messageId, f.severity])).toEqual([
      ["valid", "ok"],
      ["ocrUnavailable", "info"],
    ]);
  });
});
