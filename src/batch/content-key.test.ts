import { createHash } from "node:crypto";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
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

  it("hashes the same bytes as reading the tree one file after the other, read-ahead and large files included", async () => {
    const files: Record<string, string> = { "big/blob.bin": "x".repeat(3 * 1024 * 1024 + 7) };
    for (let i = 0; i < 40; i++) files[`pkg/m${i % 3}/f${String(i).padStart(2, "0")}.py`] = `print(${i})\n`;
    const root = await tree("many", { ...files, "a.txt": "first\n", "z.txt": "last\n" });
    await symlink("a.txt", path.join(root, "link"));
    await chmod(path.join(root, "z.txt"), 0o755);
    expect(await contentDigest(root)).toBe(await sequentialDigest(root));
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

/** The digest's definition, one entry after the other in name order: what the read-ahead must reproduce. */
async function sequentialDigest(root: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(path.join(root, rel))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (rel === "" && name === ".git") continue;
      const childRel = rel ? `${rel}/${name}` : name;
      const abs = path.join(root, childRel);
      const info = await lstat(abs);
      if (info.isDirectory()) {
        hash.update(`d\0${childRel}\0`);
        await walk(childRel);
      } else if (info.isSymbolicLink()) hash.update(`l\0${childRel}\0${await readlink(abs)}\0`);
      else {
        hash.update(`f\0${childRel}\0${info.mode & 0o111 ? "x" : "-"}\0${info.size}\0`);
        hash.update(await readFile(abs));
      }
    }
  };
  await walk("");
  return hash.digest("hex");
}
