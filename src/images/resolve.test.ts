import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SubmissionFiles } from "../submission/files.js";
import { resolveImage } from "./resolve.js";

let files: SubmissionFiles;

beforeAll(() => {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), "dockgrade-resolve-")));
  const repo = path.join(base, "repo");
  mkdirSync(path.join(repo, "tp1", "media"), { recursive: true });
  mkdirSync(path.join(repo, "media"), { recursive: true });
  writeFileSync(path.join(base, "secret.png"), "outside");
  writeFileSync(path.join(repo, "tp1", "media", "ps.png"), "png");
  writeFileSync(path.join(repo, "media", "shared image.png"), "png");
  mkdirSync(path.join(repo, "media", "dir.png"));
  symlinkSync(path.join(base, "secret.png"), path.join(repo, "tp1", "media", "link.png"));
  symlinkSync("ps.png", path.join(repo, "tp1", "media", "alias.png"));
  files = new SubmissionFiles(repo, repo);
});

describe("resolveImage (report at tp1/README.md)", () => {
  it.each([
    ["media/ps.png", { ok: true, rel: "tp1/media/ps.png" }],
    ["./media/../media/ps.png", { ok: true, rel: "tp1/media/ps.png" }],
    ["../media/shared image.png", { ok: true, rel: "media/shared image.png" }],
    ["media\\ps.png", { ok: true, rel: "tp1/media/ps.png" }],
    ["media/alias.png", { ok: true, rel: "tp1/media/alias.png" }],
    ["media/PS.png", { ok: false, reason: "missing" }],
    ["../../secret.png", { ok: false, reason: "outside" }],
    ["../../../../etc/passwd.png", { ok: false, reason: "outside" }],
    ["media/link.png", { ok: false, reason: "link-outside" }],
    ["/etc/secret.png", { ok: false, reason: "absolute" }],
    ["C:\\Users\\me\\Desktop\\capture.png", { ok: false, reason: "absolute" }],
    ["~/capture.png", { ok: false, reason: "absolute" }],
    ["http://127.0.0.1/capture.png", { ok: false, reason: "remote" }],
    ["https://i.imgur.com/capture.png", { ok: false, reason: "remote" }],
    ["//cdn.example/capture.png", { ok: false, reason: "remote" }],
    ["file:///etc/capture.png", { ok: false, reason: "remote" }],
    ["data:image/png;base64,iVBORw0KGgo=", { ok: false, reason: "remote" }],
    ["../Dockerfile", { ok: false, reason: "not-image-name" }],
    ["notes.txt", { ok: false, reason: "not-image-name" }],
    ["../media/dir.png", { ok: false, reason: "not-a-file" }],
    ["", { ok: false, reason: "missing" }],
  ])("%j -> %j", async (url, expected) => {
    expect(await resolveImage(files, "tp1/README.md", url)).toMatchObject(expected);
  });
});
