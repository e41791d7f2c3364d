import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest, reportKey } from "./content-key.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-key-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function tree(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(dir, name);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return root;
}

describe("contentDigest", () => {
  it("is the same for the same content and differs for any change graded", async () => {
    const files = { Dockerfile: "FROM x\n", "app/app.py": "print(1)\n", "README.md": "# Etape 0\n" };
    const a = await tree("a", files);
    const b = await tree("b", { ...files, ".git/HEAD": "ref: refs/heads/main\n" });
    expect(await contentDigest(a)).toBe(await contentDigest(b));
    const edited = await tree("c", { ...files, "README.md": "# Etape 0 !\n" });
    const renamed = await tree("d", {
      Dockerfile: "FROM x\n",
      "app/main.py": "print(1)\n",
      "README.md": "# Etape 0\n",
    });
    const added = await tree("e", { ...files, "notes/x.txt": "" });
    const digests = new Set(await Promise.all([a, edited, renamed, added].map(contentDigest)));
    expect(digests.size).toBe(4);
    await chmod(path.join(a, "app/app.py"), 0o755);
    expect(await contentDigest(a)).not.toBe(await contentDigest(b));
  });

  it("keys a report on content, rubric, tool, language and root together", () => {
    const base = { content: "c", rubricDigest: "r", toolVersion: "1", lang: "fr" };
    const keys = new Set([
      reportKey(base),
      reportKey({ ...base, content: "c2" }),
      reportKey({ ...base, rubricDigest: "r2" }),
      reportKey({ ...base, toolVersion: "2" }),
      reportKey({ ...base, lang: "en" }),
      reportKey({ ...base, root: "tp1" }),
    ]);
    expect(keys.size).toBe(6);
    expect(reportKey(base)).toBe(reportKey({ ...base }));
  });
});
