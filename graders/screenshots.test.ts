import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderMessage } from "../src/i18n/catalog.js";
import { makePng } from "../src/images/test-images.js";
import { paramsFor, reportContext } from "../src/markdown/testkit.js";
import screenshots from "./screenshots.js";

const valid = makePng(400, 100);
const LINKS = [
  "media/valid.png",
  "media/truncated.png",
  "media/text.png",
  "media/link-out.png",
  "../outside/secret.png",
  "http://127.0.0.1:9/capture.png",
  "/etc/capture.png",
  "notes.txt",
  "media/tiny.png",
  "media/absent.png",
];
let base: string;
let repo: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), "dockgrade-shots-")));
  repo = path.join(base, "repo");
  mkdirSync(path.join(repo, "media"), { recursive: true });
  mkdirSync(path.join(base, "outside"));
  // A perfectly valid screenshot, but outside the repository: it must never be read.
  writeFileSync(path.join(base, "outside", "secret.png"), valid);
  writeFileSync(path.join(repo, "media", "valid.png"), valid);
  writeFileSync(path.join(repo, "media", "truncated.png"), valid.subarray(0, valid.length - 40));
  writeFileSync(path.join(repo, "media", "text.png"), "CONTAINER ID   IMAGE   COMMAND\n".repeat(100));
  writeFileSync(path.join(repo, "media", "tiny.png"), makePng(60, 30));
  writeFileSync(path.join(repo, "notes.txt"), "not an image");
  symlinkSync(path.join(base, "outside", "secret.png"), path.join(repo, "media", "link-out.png"));
  const body = LINKS.map((link, i) => `${i + 1}) capture ${i + 1}\n\n![capture](${link})`).join("\n\n");
  writeFileSync(path.join(repo, "README.md"), `# TP\n\n## Etape 1\n\n${body}\n`);
});

describe("screenshots", () => {
  it("accepts only real images inside the repository, with a clear message for each other link", async () => {
    const ctx = reportContext(repo, "README.md", "en");
    const result = await screenshots.run(
      ctx,
      paramsFor(screenshots, { section: "etape\\s*1", minBytes: 100 }) as never,
    );
    expect(result.status).toBe("partial");
    expect(result.credit).toBe(0.1);
    const messages = result.findings.map((f) =>
      renderMessage(screenshots.messages, f.messageId, "en", f.data),
    );
    expect(messages).toEqual([
      "media/valid.png: PNG image, 400×100.",
      "media/truncated.png: damaged PNG file (chunk IDAT runs past the end of the file). Save the screenshot again and commit it.",
      "media/text.png: the file is not a PNG, JPEG, GIF or WebP image (no PNG, JPEG, GIF or WebP signature), whatever its name. Save the screenshot in one of these formats.",
      "media/link-out.png: a link that leads out of the repository; it was not read. Commit the image itself, not a link.",
      "../outside/secret.png: the path leaves the repository and was not read. Put the image inside the repository.",
      "http://127.0.0.1:9/capture.png: a remote URL was not fetched; expected a file committed in the repository. Commit the image and link it with a relative path.",
      "/etc/capture.png: an absolute path points to your own machine and was not read. Put the image in the repository and use a relative path (media/file.png).",
      "notes.txt: not an image name (expected .png, .jpg, .jpeg, .gif or .webp); it was not read. Link the screenshot file itself.",
      "media/tiny.png: 60×30 pixels, below the 200×40 expected. Capture the whole terminal output.",
      "media/absent.png: not found at media/absent.png. Commit the file (mind the exact name and case) or fix the link.",
    ]);
    expect(result.findings.map((f) => f.line)).toEqual([7, 11, 15, 19, 23, 27, 31, 35, 39, 43]);
  });

  it("reads nothing but the report and the image files inside the repository", async () => {
    const ctx = reportContext(repo, "README.md");
    const reads = vi.spyOn(ctx.files, "readBytes");
    const texts = vi.spyOn(ctx.files, "readText");
    const located = vi.spyOn(ctx.files, "locate");
    // OCR rules too: the only image valid is the one inside; the secret outside is never handed to tesseract.
    const params = paramsFor(screenshots, {
      section: "etape\\s*1",
      minBytes: 100,
      ocr: [{ image: "secret|link-out", expect: ["SECRET"] }],
    });
    const result = await screenshots.run(ctx, params as never);
    expect(texts.mock.calls.map((c) => c[0])).toEqual(["README.md"]);
    expect(reads.mock.calls.map((c) => c[0])).toEqual([
      "README.md",
      "media/valid.png",
      "media/truncated.png",
      "media/text.png",
      "media/tiny.png",
    ]);
    // Remote, absolute, `..` and non-image links are refused before the file system is even asked.
    expect(new Set(located.mock.calls.map((c) => c[0]))).toEqual(
      new Set(["README.md", ...LINKS.filter((link) => link.startsWith("media/"))]),
    );
    expect(result.findings.map((f) => f.messageId)).toContain("ocrNoImage");
  });

  it("judges the file by its bytes and its size", async () => {
    const ctx = reportContext(repo, "README.md");
    const big = await screenshots.run(
      ctx,
      paramsFor(screenshots, { section: "etape\\s*1", maxBytes: 1000, minBytes: 10 }) as never,
    );
    expect(big.findings[0]).toMatchObject({
      messageId: "tooLarge",
      data: { image: "media/valid.png", max: 1000 },
    });
    const small = await screenshots.run(
      ctx,
      paramsFor(screenshots, { section: "etape\\s*1", minBytes: 100_000 }) as never,
    );
    expect(small.findings[0]).toMatchObject({ messageId: "tooSmallFile", data: { min: 100_000 } });
    expect(small.credit).toBe(0);
  });

  it("asks for screenshots when a section shows none, unless minImages is 0", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dockgrade-shots-"));
    writeFileSync(path.join(dir, "README.md"), "## Etape 1\n\n```\nCONTAINER ID\n```\n");
    const ctx = reportContext(dir, "README.md");
    const none = await screenshots.run(ctx, paramsFor(screenshots, { section: "etape 1" }) as never);
    expect(none).toMatchObject({
      status: "fail",
      credit: 0,
      findings: [{ messageId: "noImages", data: { count: 0, min: 1 } }],
    });
    const optional = await screenshots.run(
      ctx,
      paramsFor(screenshots, { section: "etape 1", minImages: 0 }) as never,
    );
    expect(optional).toMatchObject({ status: "pass", credit: 1 });
    // A text check on a screenshot that is not there: skipped when optional, failed otherwise.
    const rule = { image: "docker ps", expect: ["CONTAINER ID"] };
    const skipped = await screenshots.run(
      ctx,
      paramsFor(screenshots, {
        section: "etape 1",
        minImages: 0,
        ocr: [{ ...rule, optional: true }],
      }) as never,
    );
    expect(skipped).toMatchObject({
      status: "pass",
      credit: 1,
      findings: [{ messageId: "ocrNotShown", severity: "info" }],
    });
    const required = await screenshots.run(
      ctx,
      paramsFor(screenshots, { section: "etape 1", minImages: 0, ocr: [rule] }) as never,
    );
    expect(required).toMatchObject({
      status: "partial",
      credit: 0.7,
      findings: [{ messageId: "ocrNoImage", severity: "problem" }],
    });
  });

  it("checks the whole report when no section is given", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dockgrade-shots-"));
    mkdirSync(path.join(dir, "docs", "media"), { recursive: true });
    writeFileSync(path.join(dir, "docs", "media", "a.png"), valid);
    writeFileSync(
      path.join(dir, "docs", "rapport.md"),
      "# Rapport\n\n![a](media/a.png)\n\n## Etape 2\n\n![b](./media/a.png)\n",
    );
    const result = await screenshots.run(
      reportContext(dir, "docs/rapport.md"),
      paramsFor(screenshots, {}) as never,
    );
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings).toHaveLength(2);
  });
});
