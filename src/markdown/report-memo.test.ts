import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SubmissionFiles } from "../submission/files.js";
import { parseMarkdown } from "./parse.js";
import { IN_THREAD_CHARS, parseMarkdownBounded } from "./parse-bounded.js";
import { readParsedReport } from "./report-memo.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-test-report-"));
  await writeFile(path.join(dir, "README.md"), `# Etape 1\n\n${"Du texte, `docker run`.\n\n".repeat(2000)}`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the report, parsed once per submission", () => {
  it("gives every check of a submission the same tree, and another submission its own", async () => {
    const files = new SubmissionFiles(dir, dir);
    const [a, b] = await Promise.all([
      readParsedReport(files, "README.md"),
      readParsedReport(files, "README.md"),
    ]);
    expect(a.ok && b.ok && a.root === b.root).toBe(true);
    // Another submission reads its own file: changed on disk, it sees the change; this one keeps its tree.
    await writeFile(path.join(dir, "README.md"), "# Etape 2\n\nUn autre texte.\n");
    const other = await readParsedReport(new SubmissionFiles(dir, dir), "README.md");
    expect(other.ok && other.text).toBe("# Etape 2\n\nUn autre texte.\n");
    expect(other.ok && a.ok && other.root !== a.root).toBe(true);
    const again = await readParsedReport(files, "README.md");
    expect(again.ok && a.ok && again.root === a.root).toBe(true);
  });

  it("parses a large text in a worker, with the same tree as on the main thread", async () => {
    const text = `## Etape 2\n\n| a | b |\n|---|---|\n${"| x | `y` |\n".repeat(IN_THREAD_CHARS / 8)}`;
    const parsed = await parseMarkdownBounded(text);
    expect(parsed.ok && parsed.root.children.map((n) => n.type)).toEqual(["heading", "table"]);
  });

  it("parses a report in the main thread, and again in a worker when it overruns its time there", async () => {
    const text = `# Etape 1\n\n${"- [x] `docker run -p 5000:5000` **ok**, see [doc](https://docs.docker.com)\n".repeat(300)}`;
    expect(text.length).toBeLessThanOrEqual(IN_THREAD_CHARS);
    const inThread = await parseMarkdownBounded(text);
    // A budget of 1 ms cuts the parse on the main thread: the worker parses it again, to the same tree.
    const cut = await parseMarkdownBounded(`${text}\n`, { inThreadMs: 1 });
    expect(inThread.ok && cut.ok).toBe(true);
    expect(inThread.ok && inThread.root).toEqual(parseMarkdown(text));
    const strip = (parsed: typeof cut) => (parsed.ok ? parsed.root.children.slice(0, 2) : undefined);
    expect(strip(cut)).toEqual(strip(inThread));
  });

  it("reads a nesting no report has without overflowing a stack: the parser stops at 100 levels", async () => {
    // 16 K nested block quotes: the checks walk the tree recursively, so its depth must stay bounded.
    const parsed = await parseMarkdownBounded(">".repeat(16 * 1024), { timeoutMs: 1500 });
    expect(parsed.ok).toBe(true);
    let depth = 0;
    for (let node = parsed.ok ? parsed.root.children[0] : undefined; node && "children" in node; depth++)
      node = node.children[0];
    expect(depth).toBeGreaterThan(90);
    expect(depth).toBeLessThanOrEqual(102);
  });

  it("gives up on a text that exhausts its budget, without blocking the process", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    // 2.4 MB of unclosed emphasis, links and brackets: about a second to parse, against a budget of 0.3 s.
    const parsed = await parseMarkdownBounded("*a[b](".repeat(400_000), { timeoutMs: 300 });
    clearInterval(timer);
    expect(parsed).toEqual({ ok: false, reason: "too-complex" });
    expect(ticks).toBeGreaterThanOrEqual(4);
  });
});
