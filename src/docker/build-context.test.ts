import { chmod, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import tar, { type Header } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContextScan, contextFilter, packContext, scanContext } from "./build-context.js";

/** Every entry of a packed context: its header and its content. */
async function unpacked(stream: Readable): Promise<Map<string, { header: Header; body: Buffer }>> {
  const entries = new Map<string, { header: Header; body: Buffer }>();
  const extract = tar.extract();
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const parts: Buffer[] = [];
    for await (const part of entry) parts.push(part as Buffer);
    entries.set(entry.header.name.replace(/\/$/, ""), { header: entry.header, body: Buffer.concat(parts) });
  }
  return entries;
}

/** What is sent of the submission-like tree below once `.git`, `.venv` and `__pycache__` are ignored. */
const SENT = ["Dockerfile", "app.py", "data", "data/quotes.txt", "passwd-link", "pkg"];

const okScan = (scan: ContextScan) => {
  if (!scan.ok) throw new Error("unexpected too-large");
  return scan;
};

describe("contextFilter follows Docker's .dockerignore rules", () => {
  const cases: Array<[string, string, boolean]> = [
    // [.dockerignore, path, excluded?]
    [".venv", ".venv/bin/python", true],
    [".git", ".git/HEAD", true],
    ["__pycache__", "pkg/__pycache__/x.pyc", false], // only at the root, unlike .gitignore
    ["**/__pycache__", "pkg/__pycache__/x.pyc", true],
    ["*.pyc", "app.pyc", true],
    ["*.pyc", "pkg/app.pyc", false],
    ["Data", "data/quotes.txt", false], // case-sensitive, as Docker on Linux
    ["data/*\n!data/quotes.txt", "data/quotes.txt", false],
    ["data/*\n!data/quotes.txt", "data/other.txt", true],
    ["# a comment\r\n.venv\r\n", ".venv", true], // CRLF files written on Windows
    ["/build", "build/out", true],
    ["Dockerfile\n.dockerignore", "Dockerfile", false], // always sent, as the docker CLI does
    ["Dockerfile\n.dockerignore", ".dockerignore", false],
    ["*", "app.py", true],
  ];
  it.each(cases)("%j: %s excluded=%s", (ignore, rel, excluded) => {
    expect(contextFilter(ignore).excluded(rel)).toBe(excluded);
  });

  it("knows when excluded folders must still be walked", () => {
    expect(contextFilter(".venv").hasExceptions).toBe(false);
    expect(contextFilter("data\n !data/keep.txt").hasExceptions).toBe(true);
  });
});

describe("scanContext and packContext on a submission-like tree", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "dockgrade-context-test-"));
    const put = async (rel: string, content = "x") => {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), content);
    };
    await put("Dockerfile", "FROM python:3.12-slim\n");
    await put("app.py", "print('hi')\n");
    await put("data/quotes.txt", "one\ntwo\n");
    await put("pkg/__pycache__/mod.cpython-311.pyc", "bytecode");
    await put(".git/HEAD", "ref: refs/heads/main\n");
    // A committed virtual environment: 1,500 files.
    for (let i = 0; i < 1500; i++) await put(`.venv/lib/site-packages/pkg${i % 30}/m${i}.py`, "# module\n");
    await symlink("/etc/passwd", path.join(root, "passwd-link"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("shows a committed .venv as the heaviest entry when nothing is ignored", async () => {
    const scan = await scanContext(root, { state: "absent" });
    expect(scan.ok).toBe(true);
    expect(scan.stats.files).toBe(1500 + 6);
    expect(scan.stats.largest[0]).toEqual({ path: ".venv", files: 1500, bytes: 1500 * 9 });
    expect(scan.stats.dockerignore).toBe("absent");
  });

  it("leaves out what .dockerignore excludes", async () => {
    const scan = okScan(await scanContext(root, { text: ".git\n.venv\n**/__pycache__\n", state: "present" }));
    expect(scan.entries.map((e) => e.rel).sort()).toEqual(SENT);
    expect(scan.stats.files).toBe(4);
  });

  it("stops at the size cap and says it", async () => {
    const scan = await scanContext(root, { state: "absent" }, { maxBytes: 1000 });
    expect(scan.ok).toBe(false);
    if (scan.ok) return;
    expect(scan.reason).toBe("too-large");
    expect(scan.stats.bytes).toBeGreaterThan(1000);
    expect(scan.maxBytes).toBe(1000);
  });

  it("sends links as links (never what they point to) and files owned by root", async () => {
    const scan = okScan(await scanContext(root, { text: ".git\n.venv\n**/__pycache__\n", state: "present" }));
    const entries = await unpacked(packContext(root, scan));
    expect([...entries.keys()].sort()).toEqual(SENT);
    const headers = [...entries.values()].map((e) => e.header);
    expect(headers.every((h) => h.uid === 0 && h.gid === 0 && !h.uname && !h.gname)).toBe(true);
    expect(entries.get("passwd-link")?.header).toMatchObject({
      type: "symlink",
      linkname: "/etc/passwd",
      size: 0,
    });
    expect(entries.get("data")?.header.type).toBe("directory");
    expect(entries.get("data/quotes.txt")?.body.toString("utf8")).toBe("one\ntwo\n");
  });
});

describe("packContext sends what the docker CLI would send", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "dockgrade-pack-test-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const put = async (rel: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  };

  it("keeps modes, long names, big files and the exceptions of an excluded folder", async () => {
    await put("Dockerfile", "FROM python:3.12-slim\n");
    await put("entrypoint.sh", "#!/bin/sh\nexec gunicorn app:app\n");
    await chmod(path.join(root, "entrypoint.sh"), 0o755);
    const long = `${"deep/".repeat(25)}module.py`;
    await put(long, "x = 1\n");
    const big = Buffer.alloc(2_500_000 + 7, 0);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    await put("data/weights.bin", big);
    await put("data/quotes.txt", "kept\n");
    await put("data/draft.txt", "left out\n");
    const scan = okScan(await scanContext(root, { text: "data\n!data/quotes.txt\n", state: "present" }));
    const entries = await unpacked(packContext(root, scan));
    expect(entries.get("entrypoint.sh")?.header.mode).toBe(0o755);
    expect(entries.get(long)?.body.toString("utf8")).toBe("x = 1\n");
    expect(entries.has("data/weights.bin")).toBe(false);
    expect(entries.has("data/draft.txt")).toBe(false);
    expect(entries.get("data/quotes.txt")?.body.toString("utf8")).toBe("kept\n");
    const all = okScan(await scanContext(root, { state: "absent" }));
    expect((await unpacked(packContext(root, all))).get("data/weights.bin")?.body.equals(big)).toBe(true);
  });

  it("does not read through a link put in a file's place after the scan", async () => {
    await put("notes.txt", "mine\n");
    const scan = okScan(await scanContext(root, { state: "absent" }));
    await unlink(path.join(root, "notes.txt"));
    await symlink("/etc/hostname", path.join(root, "notes.txt"));
    const entries = await unpacked(packContext(root, scan));
    expect(entries.has("notes.txt")).toBe(false);
    expect(entries.get("Dockerfile")?.body.toString("utf8")).toBe("FROM python:3.12-slim\n");
  });
});
